package io.governor.simulator;

import io.governor.schemas.event.Intent;
import io.governor.schemas.scenario.Scenario;
import io.governor.simulator.baseline.NaiveBaseline;
import io.governor.simulator.report.BestCase;
import io.governor.simulator.report.BestSchedule;
import io.governor.simulator.report.Figures;
import io.governor.simulator.report.Progress;
import io.governor.simulator.report.Report;
import io.governor.simulator.report.RunEvents;
import io.governor.simulator.report.RunTally;
import io.governor.simulator.report.Timeline;
import io.governor.simulator.traffic.TrafficGenerator;
import io.governor.simulator.upstream.UpstreamTruth;
import io.governor.simulator.virtual.VirtualRun;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One scenario in virtual mode, start to report: the traffic, Governor against a fresh truth, optionally the
 * naive baseline against another fresh truth with the same seed, and the figures side by side.
 */
public final class Simulation {
    private final Scenario scenario;
    private final String mode;
    private final String engine;
    private final GovernorSide side;

    /**
     * How Governor's side of a run is played: in virtual time ({@link VirtualRun}) or live (real broker, governor,
     * executor and HTTP upstream). Returns the instant the run ended.
     */
    @FunctionalInterface
    public interface GovernorSide {
        long run(List<Intent> intents, UpstreamTruth truth, RunTally tally, RunEvents events, Progress progress);
    }

    public Simulation(Scenario scenario, VirtualRun.Settings settings) {
        this(scenario, "virtual", settings.engine().label(), new VirtualRun(scenario, settings)::run);
    }

    /** {@code mode} is the report's ({@code virtual} or {@code live}); the baseline always runs in virtual time. */
    public Simulation(Scenario scenario, String mode, GovernorSide side) {
        this(scenario, mode, null, side);
    }

    private Simulation(Scenario scenario, String mode, String engine, GovernorSide side) {
        this.scenario = scenario;
        this.mode = mode;
        this.engine = engine;
        this.side = side;
    }

    /** Virtual mode on the given engine, the other settings default. */
    public Simulation(Scenario scenario, VirtualRun.Engine engine) {
        this(scenario, VirtualRun.Settings.defaults().withEngine(engine));
    }

    public Simulation(Scenario scenario) {
        this(scenario, VirtualRun.Settings.defaults());
    }

    /** A run's report with the timelines the HTML report charts ({@code baseline} null when it did not run). */
    public record Charted(Report report, Timeline governor, Timeline baseline) {
    }

    /** Runs and reports; {@code wallSeconds} is measured here (the only wall-clock read besides progress). */
    public Report run(boolean baseline, RunEvents events, Progress progress) {
        return runCharted(baseline, events, progress).report();
    }

    /**
     * {@link #run}, keeping each side's timeline for {@link io.governor.simulator.report.HtmlReport}. The best
     * schedule and the baseline need nothing from Governor's side, so they run beside it on a second thread (a
     * second core, when there is one); each is deterministic on its own, so the report does not depend on it.
     */
    public Charted runCharted(boolean baseline, RunEvents events, Progress progress) {
        long wallStart = System.nanoTime();
        List<Intent> intents = TrafficGenerator.generate(scenario);
        long truthSeed = new SplittableRandom(scenario.seed() ^ 0x5DEECE66DL).nextLong();
        RunTally governor = new RunTally(scenario.startMs(), scenario.upstream());
        RunTally naive = baseline ? new RunTally(scenario.startMs(), scenario.upstream()) : null;
        ExecutorService aside = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "simulation-best-and-baseline");
            t.setDaemon(true);
            return t;
        });
        long end;
        Map<String, BestCase> best;
        Long baselineEnd = null;
        try {
            Future<Map<String, BestCase>> bestCases = aside.submit(() -> BestSchedule.of(scenario, intents));
            Future<Long> naiveEnd = baseline ? aside.submit(() -> new NaiveBaseline(scenario,
                    NaiveBaseline.DEFAULT_WORKERS).run(intents, new UpstreamTruth(scenario.upstream(),
                    scenario.startMs(), truthSeed), naive)) : null;
            end = side.run(intents,
                    new UpstreamTruth(scenario.upstream(), scenario.startMs(), truthSeed), governor, events, progress);
            best = join(bestCases);
            if (naiveEnd != null) {
                baselineEnd = join(naiveEnd);
            }
        } finally {
            aside.shutdownNow();
        }
        Map<String, Figures> accounts = governor.figures(best);
        Figures totals = governor.totals(best);

        if (baselineEnd != null) {
            end = Math.max(end, baselineEnd);
            Map<String, Figures> naiveAccounts = naive.figures(best);
            Map<String, Figures> merged = new TreeMap<>();
            accounts.forEach((a, f) -> merged.put(a, f.withBaseline(naiveAccounts.get(a))));
            accounts = merged;
            totals = totals.withBaseline(naive.totals(best));
        }
        double virtualSeconds = RunTally.round(Math.max(0, end - scenario.startMs()) / 1000.0);
        double wallSeconds = RunTally.round((System.nanoTime() - wallStart) / 1e9);
        return new Charted(new Report(scenario.name(), scenario.seed(), mode, engine, virtualSeconds, wallSeconds,
                accounts, totals), governor.timeline(), naive == null ? null : naive.timeline());
    }

    /** The task's result; its own exception when it failed. */
    private static <T> T join(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the best schedule or the baseline", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
