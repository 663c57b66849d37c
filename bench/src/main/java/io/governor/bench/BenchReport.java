package io.governor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Folds the harnesses' own files ({@code core.json} from {@link CoreBench}, {@code e2e.json} from
 * EndToEndBench, {@code release.json} from ReleaseCostBench) into {@code latest.json} with the headline
 * figures on top, and draws {@code scaling.svg} from the measured scaling points. Never edit either by hand:
 * rerun the harness, then this. A missing part leaves its headline null.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.governor.bench.BenchReport [results-dir]}
 */
public final class BenchReport {
    /** The backend the release-cost headline is taken from: what production runs on. */
    static final String PRODUCTION_BACKEND = "STORE_ROCKSDB_WRITE_BEHIND";

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results");
        String command = "java -cp bench/target/benchmarks.jar " + BenchReport.class.getName()
                + (args.length > 0 ? " " + args[0] : "");
        write(dir, command);
    }

    public static void write(Path dir, String command) throws IOException {
        JsonNode core = readIfPresent(dir.resolve("core.json"));
        JsonNode e2e = readIfPresent(dir.resolve("e2e.json"));
        JsonNode release = readIfPresent(dir.resolve("release.json"));
        Machine machine = Machine.describe();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("command", command);
        m.put("machine", Map.of("nproc", machine.nproc(), "cpuModel", machine.cpuModel(), "os", machine.os()));
        m.put("jdk", machine.jdk());
        m.put("loadAverageAtReport", Host.loadAverage());
        m.put("throughputRatioVsPassThrough", value(e2e, "throughputRatioVsPassThrough"));
        m.put("p99LatencyRatioVsPassThrough", value(e2e, "p99LatencyRatioVsPassThrough"));
        m.put("p99LatencyRatioAtPacedRate", value(e2e, "p99LatencyRatioAtPacedRate"));
        m.put("pacedRatePerSecond", value(e2e, "pacedRatePerSecond"));
        m.put("coreDecisionsPerSecond", core == null ? null : core.get("coreDecisionsPerSecond"));
        m.put("coreRatioVsBucket4j", core == null ? null : core.get("coreRatioVsBucket4j"));
        m.put("coreLimitsDecisionsPerSecond", core == null ? null : core.get("coreLimitsDecisionsPerSecond"));
        m.put("coreLimitsRatioVsBucket4j", core == null ? null : core.get("coreLimitsRatioVsBucket4j"));
        m.put("releaseCostRatio1Mvs1K", release == null ? null
                : release.path("costRatioDeepestVsShallowest").get(PRODUCTION_BACKEND));
        m.put("releaseCostRatio1Mvs1KByBackend", release == null ? null
                : release.get("costRatioDeepestVsShallowest"));
        m.put("stateBytesPerAccount", core == null ? null : core.get("stateBytesPerAccount"));
        m.put("commands", commands(core, e2e, release));
        m.put("core", core);
        m.put("endToEnd", e2e);
        m.put("releaseCost", release);
        Json.write(dir.resolve("latest.json"), m);
        Files.writeString(dir.resolve("scaling.svg"), chart(e2e, release));
        System.out.printf(Locale.ROOT, "wrote %s and %s%n", dir.resolve("latest.json"), dir.resolve("scaling.svg"));
    }

    private static Map<String, Object> commands(JsonNode... parts) {
        Map<String, Object> c = new LinkedHashMap<>();
        String[] names = {"core", "endToEnd", "releaseCost"};
        for (int i = 0; i < parts.length; i++) {
            c.put(names[i], parts[i] == null ? null : parts[i].path("command").asText(null));
        }
        return c;
    }

    static String chart(JsonNode e2e, JsonNode release) {
        List<ScalingChart.Panel> panels = new ArrayList<>();
        if (e2e != null && e2e.path("scalingAccounts").size() > 0) {
            panels.add(new ScalingChart.Panel("Governor, accounts", "accounts", "intents/s", false,
                    List.of(series("intents/s", e2e.get("scalingAccounts"), "accounts", "intentsPerSecond", null))));
            panels.add(new ScalingChart.Panel("State per account", "accounts", "bytes per account", true,
                    List.of(series("governor-state bytes", e2e.get("scalingAccounts"), "accounts",
                            "stateBytesPerAccount", null),
                            series("of which dedup", e2e.get("scalingAccounts"), "accounts", "dedupBytesPerAccount",
                                    null))));
        }
        if (e2e != null && e2e.path("scalingPartitions").size() > 0) {
            panels.add(new ScalingChart.Panel("Partitions (1 stream thread)", "partitions", "intents/s", false,
                    List.of(series("pass-through", e2e.get("scalingPartitions"), "partitions", "intentsPerSecond",
                                    "PASS_THROUGH"),
                            series("governor", e2e.get("scalingPartitions"), "partitions", "intentsPerSecond",
                                    "GOVERNOR_OPEN"))));
        }
        if (release != null) {
            List<ScalingChart.Series> s = new ArrayList<>();
            for (String backend : List.of("CORE_IN_MEMORY", "STORE_SKIP_LIST", PRODUCTION_BACKEND)) {
                List<double[]> pts = new ArrayList<>();
                for (JsonNode r : release.path("results")) {
                    if (r.path("backend").asText().equals(backend)) {
                        pts.add(new double[] {r.path("depth").asDouble(), r.path("nsPerRelease").asDouble()});
                    }
                }
                if (!pts.isEmpty()) {
                    s.add(new ScalingChart.Series(backend.toLowerCase(Locale.ROOT), pts));
                }
            }
            panels.add(new ScalingChart.Panel("Release cost vs queue depth", "waiting intents",
                    "ns per released intent", true, s));
        }
        String caption = "Measured points only. " + (e2e == null ? "" : "End to end: " + e2e.path("command").asText()
                + ". ") + (release == null ? "" : "Release: " + release.path("date").asText() + ".");
        return ScalingChart.render(caption, panels);
    }

    private static ScalingChart.Series series(String name, JsonNode rows, String x, String y, String mode) {
        List<double[]> pts = new ArrayList<>();
        for (JsonNode r : rows) {
            if (mode == null || r.path("mode").asText().equals(mode)) {
                pts.add(new double[] {r.path(x).asDouble(), r.path(y).asDouble()});
            }
        }
        return new ScalingChart.Series(name, pts);
    }

    private static Object value(JsonNode node, String field) {
        return node == null || !node.has(field) ? null : node.get(field);
    }

    private static JsonNode readIfPresent(Path file) throws IOException {
        return Files.exists(file) ? Json.read(file) : null;
    }
}
