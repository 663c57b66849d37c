package io.governor.simulator.live;

import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import io.governor.simulator.Simulation;
import io.governor.simulator.report.Progress;
import io.governor.simulator.report.Report;
import io.governor.simulator.report.RunEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A scenario in live mode, start to report: starts the {@link LiveStack}, moves the scenario's start to now (the
 * same traffic and truth, in real time from now), plays it with {@link LiveRun}, reports as virtual mode does (the
 * baseline, when asked, runs in virtual time against the same truth and traffic), and stops the stack. A shutdown
 * hook stops the stack too, so Ctrl-C leaves nothing running.
 */
public final class LiveSimulation {
    /** Room between "everything is up" and the first intent, so the backlog is not produced mid-start. */
    private static final long START_DELAY_MS = 500;
    private static final String DEMO_RESOURCE = "demo.yaml";

    private final PrintStream err;
    private final boolean terminal;

    /** {@code err} hears the start-up lines and progress; {@code terminal} draws a bar instead of lines. */
    public LiveSimulation(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    public Report run(Scenario scenario, Path source, LiveOptions options, boolean baseline, RunEvents events) {
        return runCharted(scenario, source, options, baseline, events).report();
    }

    /** {@link #run}, keeping the timelines the HTML report charts. */
    public Simulation.Charted runCharted(Scenario scenario, Path source, LiveOptions options, boolean baseline,
                                         RunEvents events) {
        LiveStack stack = new LiveStack(err);
        Thread hook = new Thread(() -> {
            err.println();
            err.println("live: stopping governor, executor, upstream and broker");
            stack.close();
            err.println("live: stopped");
        }, "live-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack.start(scenario.policy(), source, options);
            Scenario now = startingAt(scenario, System.currentTimeMillis() + START_DELAY_MS);
            err.println("live: running " + scenario.name() + " for " + scenario.duration().toSeconds()
                    + " s in real time" + (baseline ? " (the naive baseline runs after it, in virtual time)" : ""));
            LiveRun run = new LiveRun(stack, now.startMs(), now.endMs(), options.drainLimit(), err, terminal);
            return new Simulation(now, "live", run).runCharted(baseline, events, Progress.SILENT);
        } finally {
            stack.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and stops the stack
            }
        }
    }

    /** The demo's scenario (a resource of this module, about one minute of real time). */
    public static Scenario demoScenario() {
        try (InputStream in = LiveSimulation.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo scenario " + DEMO_RESOURCE + " is missing from the jar");
            }
            return ScenarioLoader.parse("demo.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    Path.of("."));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo scenario", e);
        }
    }

    /** The scenario with its start moved to {@code startMs} (same offset), everything else as it was. */
    public static Scenario startingAt(Scenario s, long startMs) {
        OffsetDateTime start = OffsetDateTime.ofInstant(Instant.ofEpochMilli(startMs), s.start().getOffset());
        return new Scenario(s.name(), s.seed(), start, s.duration(), s.policy(), s.upstream(), s.traffic());
    }
}
