package io.governor.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
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
                         List<E2eFigure> partitionSweep) {

    public Optional<E2eFigure> figure(E2eMode mode) {
        return headline.stream().filter(f -> f.mode() == mode).findFirst();
    }

    public double throughputRatioVsPassThrough() {
        return figure(E2eMode.GOVERNOR_OPEN).orElseThrow().intentsPerSecond()
                / figure(E2eMode.PASS_THROUGH).orElseThrow().intentsPerSecond();
    }

    /** p99 governor ÷ p99 pass-through; a pass-through p99 of 0 ms counts as 1 ms. */
    public double p99LatencyRatioVsPassThrough() {
        return figure(E2eMode.GOVERNOR_OPEN).orElseThrow().p99Ms()
                / (double) Math.max(1, figure(E2eMode.PASS_THROUGH).orElseThrow().p99Ms());
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("command", command);
        m.put("intents", options.intents());
        m.put("partitions", options.partitions());
        m.put("accounts", options.accounts());
        m.put("bindingCapacityPerSecond", options.bindingCapacityPerSecond());
        m.put("streams", Map.of("processingGuarantee", "exactly_once_v2", "commitIntervalMs",
                E2eRun.COMMIT_INTERVAL.toMillis(), "stores", "RocksDB (persistent, changelogged)",
                "streamThreads", 1));
        m.put("throughputRatioVsPassThrough", round(throughputRatioVsPassThrough()));
        m.put("p99LatencyRatioVsPassThrough", round(p99LatencyRatioVsPassThrough()));
        m.put("headline", headline.stream().map(E2eResults::row).toList());
        m.put("scalingAccounts", accountSweep.stream().map(E2eResults::row).toList());
        m.put("scalingPartitions", partitionSweep.stream().map(E2eResults::row).toList());
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
        m.put("loadAverage", f.loadAverage());
        return m;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    void write(Path out) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, json(toMap()));
    }

    public static String json(Object tree) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree) + "\n";
    }
}
