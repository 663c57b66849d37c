package io.governor.bench.e2e;

import io.governor.bench.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * An end-to-end run's figures and its headline ratios, measured in the same run: governor (limits never bind)
 * ÷ pass-through for throughput and for p99 intent→permit latency.
 */
public record E2eResults(E2eOptions options, String command, List<E2eFigure> headline, List<E2eFigure> accountSweep,
                         List<E2eFigure> partitionSweep, List<E2eFigure> deepQueue, List<E2eFigure> paced) {

    public Optional<E2eFigure> figure(E2eMode mode) {
        return figure(headline, mode);
    }

    private static Optional<E2eFigure> figure(List<E2eFigure> figures, E2eMode mode) {
        return figures.stream().filter(f -> f.mode() == mode).findFirst();
    }

    /** Governor (limits never bind) ÷ pass-through of {@code value} in {@code figures}; NaN until both ran. */
    private static double governorOverPassThrough(List<E2eFigure> figures, ToDoubleFunction<E2eFigure> value) {
        var governor = figure(figures, E2eMode.GOVERNOR_OPEN);
        var passThrough = figure(figures, E2eMode.PASS_THROUGH);
        if (governor.isEmpty() || passThrough.isEmpty()) {
            return Double.NaN;
        }
        return value.applyAsDouble(governor.get()) / value.applyAsDouble(passThrough.get());
    }

    /** Governor (limits never bind) ÷ pass-through intents/s; NaN until both were measured. */
    public double throughputRatioVsPassThrough() {
        return governorOverPassThrough(headline, E2eFigure::intentsPerSecond);
    }

    /** p99 governor ÷ p99 pass-through (a p99 of 0 ms counts as 1 ms); NaN until both ran. */
    public double p99LatencyRatioVsPassThrough() {
        return governorOverPassThrough(headline, f -> Math.max(1, f.p99Ms()));
    }

    /**
     * The same ratio with the producer held to {@code --paced-rate}: the median over the rounds, each the
     * governor's p99 over the pass-through's just before it; NaN when no paced round completed.
     */
    public double p99LatencyRatioAtPacedRate() {
        List<Double> rounds = pacedRoundRatios();
        if (rounds.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = rounds.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** Each paced round's governor p99 ÷ pass-through p99, in the order run (pairs as {@link EndToEndBench} runs them). */
    public List<Double> pacedRoundRatios() {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i + 1 < paced.size(); i += 2) {
            out.add(governorOverPassThrough(paced.subList(i, i + 2), f -> Math.max(1, f.p99Ms())));
        }
        return out;
    }

    /**
     * Stream-thread CPU per intent, governor (limits never bind) ÷ pass-through: what governing costs the thread
     * that does it, hardly moved by the machine's load. NaN until both were measured.
     */
    public double streamCpuRatioVsPassThrough() {
        return governorOverPassThrough(headline, E2eFigure::streamCpuMicrosPerIntent);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("command", command);
        m.put("intents", options.intents());
        m.put("partitions", options.partitions());
        m.put("accounts", options.accounts());
        m.put("bindingCapacityPerSecond", options.bindingCapacityPerSecond());
        m.put("streams", Map.of("processingGuarantee", "exactly_once_v2", "commitIntervalMs",
                E2eRun.COMMIT_INTERVAL.toMillis(), "stores", "RocksDB (persistent, changelogged)",
                "streamThreads", 1, "maxTaskIdleMs", options.taskIdleMs()));
        m.put("throughputRatioVsPassThrough", roundedOrNull(throughputRatioVsPassThrough()));
        m.put("p99LatencyRatioVsPassThrough", roundedOrNull(p99LatencyRatioVsPassThrough()));
        m.put("streamCpuRatioVsPassThrough", roundedOrNull(streamCpuRatioVsPassThrough()));
        m.put("pacedRatePerSecond", options.pacedRate());
        m.put("p99LatencyRatioAtPacedRate", roundedOrNull(p99LatencyRatioAtPacedRate()));
        m.put("p99LatencyRatioAtPacedRateByRound", pacedRoundRatios().stream().map(E2eResults::roundedOrNull).toList());
        m.put("headline", headline.stream().map(E2eResults::row).toList());
        m.put("scalingAccounts", accountSweep.stream().map(E2eResults::row).toList());
        m.put("scalingPartitions", partitionSweep.stream().map(E2eResults::row).toList());
        m.put("deepQueue", deepQueue.stream().map(E2eResults::row).toList());
        m.put("paced", paced.stream().map(E2eResults::row).toList());
        return m;
    }

    static Map<String, Object> row(E2eFigure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", f.mode().name());
        m.put("intents", f.intents());
        m.put("partitions", f.partitions());
        m.put("accounts", f.accounts());
        m.put("permits", f.permits());
        m.put("duplicates", f.duplicates());
        m.put("deferred", f.deferred());
        m.put("intentsPerSecond", round(f.intentsPerSecond()));
        m.put("producedPerSecond", round(f.producedPerSecond()));
        m.put("p50Ms", f.p50Ms());
        m.put("p99Ms", f.p99Ms());
        m.put("maxMs", f.maxMs());
        m.put("decideP50Ms", f.stages().decideP50Ms());
        m.put("decideP99Ms", f.stages().decideP99Ms());
        m.put("visibleP50Ms", f.stages().visibleP50Ms());
        m.put("visibleP99Ms", f.stages().visibleP99Ms());
        if (f.limitCapacityPerSecond() > 0) {
            m.put("limitCapacityPerSecond", f.limitCapacityPerSecond());
        }
        if (f.state().entries() > 0) {
            m.put("stateEntries", f.state().entries());
            m.put("stateBytesPerAccount", round(f.state().bytesPerAccount()));
            m.put("dedupBytesPerAccount", round(f.state().dedupBytesPerAccount()));
        }
        if (f.queueDepth() > 0) {
            m.put("queueDepth", f.queueDepth());
        }
        m.put("streamCpuMicrosPerIntent", round(f.streamCpuMicrosPerIntent()));
        m.put("changelogRecordsPerIntent", round(f.changelogRecordsPerIntent()));
        m.put("commitLatencyAvgMs", roundedOrNull(f.commit().avgMs()));
        m.put("commitLatencyMaxMs", roundedOrNull(f.commit().maxMs()));
        m.put("loadAverage", f.loadAverage());
        m.put("jitCompileMs", f.jitMillis());
        return m;
    }

    /** Rounded, or null (JSON null) for a figure not measured. */
    private static Double roundedOrNull(double v) {
        return Double.isNaN(v) ? null : round(v);
    }

    private static double round(double v) {
        return Json.round3(v);
    }

    void write(Path out) throws IOException {
        Json.write(out, toMap());
    }
}
