package io.governor.bench.e2e;

import io.governor.bench.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An end-to-end run's figures and its headline ratios, measured in the same run: governor (limits never bind)
 * ÷ pass-through for throughput and for p99 intent→permit latency.
 */
public record E2eResults(E2eOptions options, String command, List<E2eFigure> headline, List<E2eFigure> accountSweep,
                         List<E2eFigure> partitionSweep, List<E2eFigure> deepQueue) {

    public Optional<E2eFigure> figure(E2eMode mode) {
        return headline.stream().filter(f -> f.mode() == mode).findFirst();
    }

    /** Governor (limits never bind) ÷ pass-through intents/s; NaN until both were measured. */
    public double throughputRatioVsPassThrough() {
        if (figure(E2eMode.GOVERNOR_OPEN).isEmpty() || figure(E2eMode.PASS_THROUGH).isEmpty()) {
            return Double.NaN;
        }
        return figure(E2eMode.GOVERNOR_OPEN).get().intentsPerSecond()
                / figure(E2eMode.PASS_THROUGH).get().intentsPerSecond();
    }

    /** p99 governor ÷ p99 pass-through (a pass-through p99 of 0 ms counts as 1 ms); NaN until both ran. */
    public double p99LatencyRatioVsPassThrough() {
        if (figure(E2eMode.GOVERNOR_OPEN).isEmpty() || figure(E2eMode.PASS_THROUGH).isEmpty()) {
            return Double.NaN;
        }
        return figure(E2eMode.GOVERNOR_OPEN).get().p99Ms()
                / (double) Math.max(1, figure(E2eMode.PASS_THROUGH).get().p99Ms());
    }

    /**
     * Stream-thread CPU per intent, governor (limits never bind) ÷ pass-through: what governing costs the thread
     * that does it, hardly moved by the machine's load. NaN until both were measured.
     */
    public double streamCpuRatioVsPassThrough() {
        if (figure(E2eMode.GOVERNOR_OPEN).isEmpty() || figure(E2eMode.PASS_THROUGH).isEmpty()) {
            return Double.NaN;
        }
        return figure(E2eMode.GOVERNOR_OPEN).get().streamCpuMicrosPerIntent()
                / figure(E2eMode.PASS_THROUGH).get().streamCpuMicrosPerIntent();
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
        m.put("throughputRatioVsPassThrough", ratio(throughputRatioVsPassThrough()));
        m.put("p99LatencyRatioVsPassThrough", ratio(p99LatencyRatioVsPassThrough()));
        m.put("streamCpuRatioVsPassThrough", ratio(streamCpuRatioVsPassThrough()));
        m.put("headline", headline.stream().map(E2eResults::row).toList());
        m.put("scalingAccounts", accountSweep.stream().map(E2eResults::row).toList());
        m.put("scalingPartitions", partitionSweep.stream().map(E2eResults::row).toList());
        m.put("deepQueue", deepQueue.stream().map(E2eResults::row).toList());
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
        m.put("loadAverage", f.loadAverage());
        return m;
    }

    private static Double ratio(double v) {
        return Double.isNaN(v) ? null : round(v);
    }

    private static double round(double v) {
        return Json.round3(v);
    }

    void write(Path out) throws IOException {
        Json.write(out, toMap());
    }
}
