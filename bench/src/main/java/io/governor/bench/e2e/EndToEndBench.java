package io.governor.bench.e2e;

import io.governor.testkit.EmbeddedKafkaBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End to end on the embedded KRaft broker, one JVM: (1) pass-through, (2) the governor with limits that never
 * bind, (3) the governor with binding limits and a deep deferred queue, in that order on one broker; then, with
 * {@code --scaling}, accounts 1 → 100 K and partitions 1 → 12. Writes {@code bench/results/e2e.json}.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.governor.bench.e2e.EndToEndBench [--intents 1000000]
 * [--partitions 3] [--accounts 100] [--binding-capacity 10000] [--warmup N] [--warmup-rounds 8] [--scaling]
 * [--scaling-intents 50000]}
 */
public final class EndToEndBench {
    /**
     * Share of a warm-up round's wall time the JIT compilers may still take for the JVM to count as warm. On this
     * 2-core box a 20,000-intent warm-up left C2 compiling the broker, clients and Streams for a minute, a core's
     * worth, through the measured runs.
     */
    static final double JIT_SETTLED_SHARE = 0.10;

    private EndToEndBench() {
    }

    /**
     * JIT compile time over wall time of some runs, NaN where the JVM cannot tell: the warm-up stops once it is at
     * most {@link #JIT_SETTLED_SHARE}, or when it cannot be known.
     */
    static double jitShare(List<E2eFigure> runs) {
        double jitMs = 0;
        double wallMs = 0;
        for (E2eFigure f : runs) {
            if (f.jitMillis() < 0 || !(f.intentsPerSecond() > 0)) {
                return Double.NaN;
            }
            jitMs += f.jitMillis();
            wallMs += 1000.0 * f.permits() / f.intentsPerSecond();
        }
        return wallMs > 0 ? jitMs / wallMs : Double.NaN;
    }

    public static void main(String[] args) throws Exception {
        E2eOptions options = E2eOptions.parse(args);
        String command = "java -cp bench/target/benchmarks.jar " + EndToEndBench.class.getName()
                + (args.length > 0 ? " " + String.join(" ", args) : "");
        run(options, command);
        System.out.printf(Locale.ROOT, "wrote %s%n", options.out());
    }

    /** Runs everything asked; {@code options.out()} is rewritten after each figure, so a stopped run keeps its data. */
    public static E2eResults run(E2eOptions options, String command) throws Exception {
        List<E2eFigure> headline = new ArrayList<>();
        List<E2eFigure> accountSweep = new ArrayList<>();
        List<E2eFigure> partitionSweep = new ArrayList<>();
        List<E2eFigure> deepQueue = new ArrayList<>();
        List<E2eFigure> paced = new ArrayList<>();
        try (var broker = EmbeddedKafkaBroker.start()) {
            var run = new E2eRun(broker.bootstrapServers(), options);
            int id = 0;
            if (options.warmupIntents() > 0) {
                var warm = new E2eRun(broker.bootstrapServers(), options.withIntents(options.warmupIntents()));
                for (int round = 1; ; round++) {
                    List<E2eFigure> figures = new ArrayList<>();
                    for (E2eMode mode : List.of(E2eMode.PASS_THROUGH, E2eMode.GOVERNOR_OPEN)) {
                        System.out.print("warm-up " + round + " ");
                        figures.add(report(warm.run(mode, options.partitions(), options.accounts(), "w" + id++)));
                    }
                    double share = jitShare(figures);
                    if (!(share > JIT_SETTLED_SHARE) || round == options.warmupRounds()) {
                        System.out.printf(Locale.ROOT, "warm-up: %d round(s), JIT busy %s of the last%s%n", round,
                                Double.isNaN(share) ? "(unknown)" : String.format(Locale.ROOT, "%.0f%%", 100 * share),
                                share > JIT_SETTLED_SHARE ? " (not settled: the figures below include compilation)"
                                        : "");
                        break;
                    }
                }
            }
            for (E2eMode mode : options.modes()) {
                headline.add(report(run.run(mode, options.partitions(), options.accounts(), "h" + id++)));
                save(options, command, headline, accountSweep, partitionSweep, deepQueue, paced);
            }
            if (options.deepQueue() > 0) {
                var deep = new E2eRun(broker.bootstrapServers(), options.withIntents(options.deepQueue()));
                deepQueue.add(report(deep.run(E2eMode.DEEP_QUEUE, options.partitions(), options.accounts(),
                        "q" + id++)));
                save(options, command, headline, accountSweep, partitionSweep, deepQueue, paced);
            }
            if (options.pacedRate() > 0) {
                var atRate = new E2eRun(broker.bootstrapServers(), options.withIntents(options.pacedIntents()),
                        options.pacedRate());
                for (int round = 1; round <= options.pacedRounds(); round++) {
                    for (E2eMode mode : List.of(E2eMode.PASS_THROUGH, E2eMode.GOVERNOR_OPEN)) {
                        System.out.print("paced " + options.pacedRate() + "/s round " + round + " ");
                        paced.add(report(atRate.run(mode, options.partitions(), options.accounts(), "r" + id++)));
                        save(options, command, headline, accountSweep, partitionSweep, deepQueue, paced);
                    }
                }
            }
            if (options.scaling()) {
                var small = new E2eRun(broker.bootstrapServers(), options.withIntents(options.scalingIntents()));
                for (int accounts : options.accountSteps()) {
                    // At least one intent per account, so every account has state to count.
                    var sweep = accounts > options.scalingIntents()
                            ? new E2eRun(broker.bootstrapServers(), options.withIntents(accounts)) : small;
                    accountSweep.add(report(sweep.run(E2eMode.GOVERNOR_OPEN, options.partitions(), accounts,
                            "a" + id++)));
                    save(options, command, headline, accountSweep, partitionSweep, deepQueue, paced);
                }
                for (int partitions : options.partitionSteps()) {
                    partitionSweep.add(report(small.run(E2eMode.PASS_THROUGH, partitions, options.accounts(),
                            "p" + id++)));
                    partitionSweep.add(report(small.run(E2eMode.GOVERNOR_OPEN, partitions, options.accounts(),
                            "p" + id++)));
                    save(options, command, headline, accountSweep, partitionSweep, deepQueue, paced);
                }
            }
        }
        return new E2eResults(options, command, headline, accountSweep, partitionSweep, deepQueue, paced);
    }

    private static void save(E2eOptions options, String command, List<E2eFigure> headline,
                             List<E2eFigure> accountSweep, List<E2eFigure> partitionSweep, List<E2eFigure> deepQueue,
                             List<E2eFigure> paced) throws java.io.IOException {
        new E2eResults(options, command, headline, accountSweep, partitionSweep, deepQueue, paced)
                .write(options.out());
    }

    private static E2eFigure report(E2eFigure f) {
        System.out.printf(Locale.ROOT, "%-16s N=%d P=%d A=%d: %.0f intents/s (produced %.0f/s), p50 %d ms, p99 %d ms,"
                        + " max %d ms (decided p50/p99 %d/%d, then visible %d/%d), deferred %d, dup %d,"
                        + " state %.0f B/account (dedup %.0f), stream CPU %.1f us/intent, queue %d,"
                        + " changelog %.2f records/intent, commit %.1f ms avg / %.0f max, load %.2f, JIT %d ms%n",
                f.mode(), f.intents(), f.partitions(), f.accounts(), f.intentsPerSecond(), f.producedPerSecond(),
                f.p50Ms(), f.p99Ms(), f.maxMs(), f.stages().decideP50Ms(), f.stages().decideP99Ms(),
                f.stages().visibleP50Ms(), f.stages().visibleP99Ms(), f.deferred(), f.duplicates(),
                f.state().bytesPerAccount(), f.state().dedupBytesPerAccount(), f.streamCpuMicrosPerIntent(),
                f.queueDepth(), f.changelogRecordsPerIntent(), f.commit().avgMs(), f.commit().maxMs(),
                f.loadAverage(), f.jitMillis());
        return f;
    }
}
