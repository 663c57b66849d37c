package io.governor.simulator.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import io.governor.simulator.SimulatorApp;
import io.governor.simulator.Simulation;
import io.governor.simulator.report.EventsFile;
import io.governor.simulator.report.Figures;
import io.governor.simulator.report.HtmlReport;
import io.governor.simulator.report.Progress;
import io.governor.simulator.report.Report;
import io.governor.simulator.report.RunEvents;
import io.governor.simulator.report.Timeline;
import io.governor.testkit.KafkaBroker;
import io.governor.testkit.SharedKafkaBroker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Live mode on a real broker, governor, executor and HTTP upstream, against virtual mode on the same scenario. */
@ExtendWith(SharedKafkaBroker.class)
class LiveSimulationIT {
    /** 55 intents on a 5/s account in 12 s of real time: a backlog of 40 and a HIGH stream of 1/s. */
    static final String SMALL = """
            name: live-small
            seed: 3
            duration: 12s
            policy:
              accounts:
                api: { limits: [ { max: 5, per: 1s } ] }
            upstream:
              api:
                limits: [ { max: 5, per: 1s } ]
                latency: { p50: 20ms, p99: 100ms }
                banAfterViolations: 3
            traffic:
              - { account: api, backlog: 40, priority: NORMAL }
              - { account: api, rate: 1/s, priority: HIGH }
            """;

    @Test
    void shouldReportNoViolationsAndAgreeWithVirtualModeWithinNoise(KafkaBroker broker) {
        Scenario scenario = ScenarioLoader.parse("live-small.yaml", SMALL, Path.of("."));
        Figures virtual = new Simulation(scenario).run(false, RunEvents.NONE, Progress.SILENT).totals();

        Simulation.Charted charted;
        // Kept in target/ to read when this fails: every Permit, Deferral, Rejection and Outcome of the live run.
        try (var events = new EventsFile(Path.of("target/live-small-events.jsonl"))) {
            charted = new LiveSimulation(System.err, false).runCharted(scenario, Path.of("live-small.yaml"),
                    new LiveOptions(broker.bootstrapServers(), Duration.ofSeconds(30)), false, events);
        }
        Report report = charted.report();
        HtmlReport.write(report, charted.governor(), null, Path.of("target/live-small-report.html"));
        System.err.println("virtual: " + virtual);
        System.err.println(SimulatorApp.toJson(report));

        Figures live = report.totals();
        assertEquals("live", report.mode());
        assertEquals(0, live.violations(), "the truth saw calls over its limit");
        assertEquals(0, live.upstream().rateLimited());
        assertEquals(virtual.offered(), live.offered());
        assertEquals(virtual.permitted(), live.permitted(), "every intent is permitted in both modes");
        // Noise: a permit that reaches the executor after its 50 ms validity is not called (PERMIT_EXPIRED); on a
        // loaded 2-core machine an exactly-once commit can take that long. At most 10% may be lost that way.
        assertTrue(live.executed() >= live.permitted() * 0.9 && live.executed() <= live.permitted(),
                "executed " + live.executed() + " of " + live.permitted() + " permitted");
        // The backlog drains at the same 5/s; real time adds commits, ticks and transport: within 30% or 2 s.
        assertTrue(Math.abs(live.drainSeconds() - virtual.drainSeconds())
                        <= Math.max(2.0, 0.3 * virtual.drainSeconds()),
                "drain live " + live.drainSeconds() + " s, virtual " + virtual.drainSeconds() + " s");
        assertChartsTheRun(charted.governor());
    }

    /** The live timeline holds the run's calls and decisions in the run's clock, as virtual mode's does. */
    private static void assertChartsTheRun(Timeline timeline) {
        Timeline.Series s = timeline.series(timeline.endMs(), 60);
        assertTrue(callsPerSecond(s).anyMatch(c -> c > 0), "no calls started in any bucket");
        assertFalse(s.windows().isEmpty(), "no truth window charted");
        assertTrue(s.windows().values().stream().flatMapToDouble(w -> Arrays.stream(w.used())).anyMatch(u -> u > 0),
                "the truth windows were never used: " + s.windows().keySet());
        double[] depth = s.queueDepth();
        assertTrue(Arrays.stream(depth).allMatch(d -> d >= 0), "intents waiting below 0: " + Arrays.toString(depth));
        assertEquals(0, depth[depth.length - 1], "intents still waiting at the end: " + Arrays.toString(depth));
    }

    /**
     * Every bucket's calls per second, over all accounts. The series is being split per account (one array per
     * account instead of one for all), so this reads either shape.
     */
    private static DoubleStream callsPerSecond(Timeline.Series s) {
        Object calls = s.callsPerSecond();
        if (calls instanceof double[] all) {
            return Arrays.stream(all);
        }
        return ((Map<?, ?>) calls).values().stream().flatMapToDouble(a -> Arrays.stream((double[]) a));
    }

    @Test
    void shouldFailWithinThirtySecondsNamingAnUnreachableBroker() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            nobody = socket.getLocalPort();
        }
        Scenario scenario = ScenarioLoader.parse("live-small.yaml", SMALL, Path.of("."));
        long started = System.nanoTime();
        var failure = assertThrows(IllegalStateException.class, () -> new LiveSimulation(System.err, false)
                .run(scenario, Path.of("live-small.yaml"), new LiveOptions("127.0.0.1:" + nobody, null), false,
                        RunEvents.NONE));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue(seconds < 30, "took " + seconds + " s");
        assertTrue(failure.getMessage().contains("cannot reach Kafka at 127.0.0.1:" + nobody), failure.getMessage());
    }
}
