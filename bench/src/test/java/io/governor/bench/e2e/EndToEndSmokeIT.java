package io.governor.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end harness on the embedded broker with a few hundred intents: it checks that the harness measures
 * what it claims (every intent gets exactly one permit in each mode, the open governor never defers, the binding
 * one does, state is counted, the JSON has the headline ratios), never how fast.
 */
class EndToEndSmokeIT {

    @Test
    void shouldPermitEveryIntentOnceInEachModeAndWriteTheRatios(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("e2e.json");
        // 10 accounts at 5/s each against 30 intents per account arriving at once: the binding run must queue.
        E2eOptions options = E2eOptions.parse("--intents", "300", "--partitions", "2", "--accounts", "10",
                "--binding-capacity", "50", "--warmup", "0", "--timeout", "120", "--deep-queue", "200",
                "--paced-rate", "400", "--paced-intents", "200", "--paced-rounds", "1", "--out",
                out.toString());
        E2eResults results = EndToEndBench.run(options, "smoke");
        assertEquals(3, results.headline().size());
        for (E2eFigure f : results.headline()) {
            assertEquals(300, f.permits(), () -> f.mode() + " permits");
            assertEquals(0, f.duplicates(), () -> f.mode() + " duplicates");
            assertTrue(f.intentsPerSecond() > 0 && f.maxMs() >= f.p99Ms() && f.p99Ms() >= f.p50Ms(), f::toString);
        }
        assertEquals(0, results.figure(E2eMode.GOVERNOR_OPEN).orElseThrow().deferred(), "open limits deferred");
        E2eFigure binding = results.figure(E2eMode.GOVERNOR_BINDING).orElseThrow();
        assertTrue(binding.deferred() > 100, () -> "binding run deferred only " + binding.deferred());
        assertTrue(results.figure(E2eMode.GOVERNOR_OPEN).orElseThrow().state().bytesPerAccount() > 0);
        assertTrue(Double.isFinite(results.throughputRatioVsPassThrough()));
        assertTrue(results.streamCpuRatioVsPassThrough() > 0, "stream threads' CPU was measured");
        // The deep queue: one permit per account at once, the other 190 wait until the capacity returns.
        E2eFigure deep = results.deepQueue().get(0);
        assertEquals(200, deep.permits());
        assertEquals(0, deep.duplicates());
        assertEquals(190, deep.queueDepth());
        assertTrue(deep.intentsPerSecond() > 0 && deep.maxMs() >= deep.p99Ms(), deep::toString);
        // Paced: 10 priming intents (one per account, not measured), then 190 at 400/s, in both topologies.
        assertEquals(2, results.paced().size());
        for (E2eFigure f : results.paced()) {
            assertEquals(200, f.permits(), () -> "paced " + f.mode() + " permits");
            assertEquals(0, f.duplicates(), () -> "paced " + f.mode() + " duplicates");
            assertTrue(f.p50Ms() > 0 && f.maxMs() >= f.p99Ms(), f::toString);
        }
        results.write(out);
        String json = java.nio.file.Files.readString(out);
        assertTrue(json.contains("\"throughputRatioVsPassThrough\"") && json.contains("\"p99LatencyRatioVsPassThrough\"")
                && json.contains("\"queueDepth\" : 190"), json);
    }
}
