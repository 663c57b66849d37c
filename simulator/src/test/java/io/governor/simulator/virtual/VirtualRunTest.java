package io.governor.simulator.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Permit;
import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import io.governor.simulator.Simulation;
import io.governor.simulator.SimulatorApp;
import io.governor.simulator.report.Figures;
import io.governor.simulator.report.Progress;
import io.governor.simulator.report.Report;
import io.governor.simulator.report.RunEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scaled-down versions of the shipped scenarios (the full ones take minutes: see simulator/README.md, speed).
 * Each asserts what the governor reaches today.
 */
class VirtualRunTest {
    private static final Path HERE = Path.of(".");

    private static Scenario transit(int backlog) {
        return ScenarioLoader.parse("transit.yaml", """
                name: transit-small
                seed: 11
                start: 2026-01-05T23:50:00+11:00
                duration: 20m
                policy:
                  accounts:
                    nsw:
                      limits: [ { max: 5, per: 1s }, { max: 2000, per: 1d, calendar: true, zone: Australia/Sydney } ]
                upstream:
                  nsw:
                    limits: [ { max: 5, per: 1s }, { max: 2000, per: 1d, calendar: true, zone: Australia/Sydney } ]
                traffic:
                  - { account: nsw, backlog: %d, priority: LOW }
                  - { account: nsw, rate: 1/10s, priority: HIGH, tenant: departures }
                """.formatted(backlog), HERE);
    }

    @Test
    void shouldDrainABacklogAcrossLocalMidnightWithoutViolations() {
        Report report = new Simulation(transit(2600)).run(true, RunEvents.NONE, Progress.SILENT);
        Figures f = report.accounts().get("nsw");
        assertEquals(2600 + 120, f.offered());
        assertEquals(f.offered(), f.permitted());
        assertEquals(0, f.violations());
        // Before midnight the day allows 2000; the rest waits for local midnight.
        assertTrue(f.drainSeconds() > 600, "drained at " + f.drainSeconds());
        // Smooth pacing spaces permits by (1 s + 50 ms validity) / 5, so the last 700 go at 4.76/s, not 5/s.
        assertTrue(f.efficiency() >= 0.98, "efficiency " + f.efficiency());
        assertTrue(f.waitMs().byPriority().get("HIGH").p50() < 1000, "HIGH p50 " + f.waitMs().byPriority());
        assertTrue(f.baseline().violations() > 0, "the naive client, blind to midnight, overruns the day");
    }

    @Test
    void shouldCallEachPermitInsideItsValidity() {
        List<Object> events = new ArrayList<>();
        new Simulation(transit(50)).run(false, events::add, Progress.SILENT);
        long permits = events.stream().filter(e -> e instanceof Permit).count();
        long outcomes = events.stream().filter(e -> e instanceof io.governor.schemas.event.Outcome o
                && o.error() == null).count();
        assertEquals(50 + 120, permits);
        assertEquals(permits, outcomes);
        for (Object e : events) {
            if (e instanceof io.governor.schemas.event.Outcome o) {
                Permit p = (Permit) events.stream().filter(x -> x instanceof Permit q && q.intentId().equals(o.intentId()))
                        .findFirst().orElseThrow();
                assertTrue(p.isValidAt(o.startedAt()), o + " outside " + p);
            }
        }
    }

    @Test
    void shouldCrawlFourLanesWithoutViolationsWhileTheNaiveClientIsBanned() {
        Scenario s = ScenarioLoader.parse("crawl.yaml", """
                name: crawl-small
                seed: 7
                start: 2026-01-05T09:00:00-03:00
                duration: 30m
                policy:
                  accounts:
                    pncp:
                      lanes: { members: [ ip-1, ip-2, ip-3, ip-4 ], limits: [ { max: 60, per: 1m }, { max: 300, per: 1h } ] }
                upstream:
                  pncp:
                    limits: [ { max: 60, per: 1m }, { max: 300, per: 1h } ]
                    perLane: true
                    errorRate: 0.01
                    outages: [ { from: 2m, to: 4m, status: 503 } ]
                    banAfterViolations: 10
                    banFor: 24h
                traffic:
                  - { account: pncp, backlog: 1500 }
                """, HERE);
        Report report = new Simulation(s).run(true, RunEvents.NONE, Progress.SILENT);
        Figures f = report.totals();
        assertEquals(0, f.violations());
        assertEquals(1500, f.permitted());
        assertTrue(f.upstream().serverErrors() > 0, "the outage answers 503");
        assertEquals(0, f.upstream().forbidden());
        assertTrue(f.efficiency() >= 0.9, "efficiency " + f.efficiency());
        assertTrue(f.baseline().upstream().forbidden() > 0, "the naive client gets banned");
    }

    @Test
    void shouldGiveTheSameReportForTheSameScenarioAndSeed() {
        Scenario s = transit(300);
        String a = SimulatorApp.toJson(new Simulation(s).run(true, RunEvents.NONE, Progress.SILENT).withWallSeconds(0));
        String b = SimulatorApp.toJson(new Simulation(s).run(true, RunEvents.NONE, Progress.SILENT).withWallSeconds(0));
        assertEquals(a, b);
        assertTrue(a.contains("\"baseline\""));
    }
}
