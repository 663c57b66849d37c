package io.governor.simulator.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.governor.schemas.event.Permit;
import io.governor.schemas.scenario.Scenario;
import io.governor.simulator.Simulation;
import io.governor.simulator.SimulatorApp;
import io.governor.simulator.report.Progress;
import io.governor.simulator.report.Report;
import java.util.ArrayList;
import java.util.List;

/** One scenario on one engine: its report JSON (wall time and engine left out) and every event in order. */
final class EngineRuns {
    private EngineRuns() {
    }

    record Run(String json, List<Object> events, double wallSeconds) {
        long permits() {
            return events.stream().filter(e -> e instanceof Permit).count();
        }
    }

    static Run run(Scenario scenario, VirtualRun.Engine engine) {
        List<Object> events = new ArrayList<>();
        Report r = new Simulation(scenario, engine).run(false, events::add, Progress.SILENT);
        assertEquals(engine.label(), r.engine());
        return new Run(SimulatorApp.toJson(r.withWallSeconds(0).withEngine(null)), events, r.wallSeconds());
    }

    /** The same events in the same order; a failure shows the first that differs. */
    static void assertSame(Run expected, Run actual) {
        int n = Math.min(expected.events().size(), actual.events().size());
        for (int i = 0; i < n; i++) {
            assertEquals(expected.events().get(i), actual.events().get(i), "event " + i + " of " + n);
        }
        assertEquals(expected.events().size(), actual.events().size(), "events");
    }
}
