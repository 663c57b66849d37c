package io.governor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @Test
    void shouldFoldThePartsIntoLatestWithTheHeadlinesAndDrawTheCurves(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("core.json"), """
                {"command": "core", "coreDecisionsPerSecond": {"SYDNEY_DAY": {"permit": 2.0}},
                 "coreRatioVsBucket4j": {"SYDNEY_DAY": 0.1}, "stateBytesPerAccount": {}}""");
        Files.writeString(dir.resolve("e2e.json"), """
                {"command": "e2e", "throughputRatioVsPassThrough": 0.5, "p99LatencyRatioVsPassThrough": 2.0,
                 "scalingAccounts": [
                   {"mode": "GOVERNOR_OPEN", "accounts": 1, "intentsPerSecond": 900, "stateBytesPerAccount": 5000,
                    "dedupBytesPerAccount": 4000},
                   {"mode": "GOVERNOR_OPEN", "accounts": 100, "intentsPerSecond": 800, "stateBytesPerAccount": 500,
                    "dedupBytesPerAccount": 400}],
                 "scalingPartitions": [
                   {"mode": "PASS_THROUGH", "partitions": 1, "intentsPerSecond": 2000},
                   {"mode": "GOVERNOR_OPEN", "partitions": 1, "intentsPerSecond": 1000}]}""");
        Files.writeString(dir.resolve("release.json"), """
                {"command": "release", "costRatioDeepestVsShallowest": {"STORE_ROCKSDB_WRITE_BEHIND": 1.5},
                 "results": [{"backend": "STORE_ROCKSDB_WRITE_BEHIND", "depth": 1000, "nsPerRelease": 1000},
                             {"backend": "STORE_ROCKSDB_WRITE_BEHIND", "depth": 1000000, "nsPerRelease": 1500}]}""");
        BenchReport.write(dir, "report");
        JsonNode latest = Json.read(dir.resolve("latest.json"));
        for (String field : new String[] {"throughputRatioVsPassThrough", "p99LatencyRatioVsPassThrough",
                "coreDecisionsPerSecond", "coreRatioVsBucket4j", "releaseCostRatio1Mvs1K", "machine", "jdk", "date",
                "command"}) {
            assertTrue(latest.hasNonNull(field), field);
        }
        assertEquals(1.5, latest.get("releaseCostRatio1Mvs1K").asDouble());
        String svg = Files.readString(dir.resolve("scaling.svg"));
        // One curve per series: throughput by accounts, state and its dedup part, pass-through and governor by
        // partitions, RocksDB release cost.
        assertEquals(6, svg.split("<polyline", -1).length - 1, svg);
        assertTrue(svg.startsWith("<svg") && svg.contains("Release cost vs queue depth"), svg);
    }
}
