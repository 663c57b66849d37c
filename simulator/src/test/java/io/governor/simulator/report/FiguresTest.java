package io.governor.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.governor.simulator.SimulatorApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Figures' maps iterate in key order, so the report's JSON is the same in every JVM (Map.copyOf's is not). */
class FiguresTest {
    @Test
    void shouldWriteEveryMapInKeyOrder() {
        Figures.Percentiles p = new Figures.Percentiles(1, 2, 3, 4);
        Map<String, Long> rejected = Map.of("SHED", 1L, "EXPIRED", 2L, "QUEUE_FULL", 3L, "DUPLICATE", 4L);
        Map<String, Figures.TenantFigures> tenants = Map.of("mail", new Figures.TenantFigures(1, 1, p),
                "archive", new Figures.TenantFigures(1, 1, p), "reports", new Figures.TenantFigures(1, 1, p));
        Figures f = new Figures(1, 1, 1, 0, rejected, new Figures.Upstream(1, 0, 0, 0, 0), 0,
                new Figures.Waits(1, 2, 3, 4, Map.of("LOW", p, "HIGH", p, "NORMAL", p, "CRITICAL", p)), tenants,
                1, 1, 1, null);
        assertEquals(List.of("DUPLICATE", "EXPIRED", "QUEUE_FULL", "SHED"), List.copyOf(f.rejected().keySet()));
        assertEquals(List.of("archive", "mail", "reports"), List.copyOf(f.byTenant().keySet()));
        assertEquals(List.of("CRITICAL", "HIGH", "LOW", "NORMAL"), List.copyOf(f.waitMs().byPriority().keySet()));
        String json = SimulatorApp.toJson(new Report("s", 1, "virtual", 1, 0, Map.of("b", f, "a", f), f));
        assertEquals(true, json.indexOf("\"archive\"") < json.indexOf("\"mail\""), json);
    }
}
