package io.governor.bench.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The release-cost harness at a shallow depth on every backend: it runs and measures releases, never timed. */
class ReleaseCostTest {

    @ParameterizedTest
    @EnumSource(ReleaseBackend.class)
    void shouldMeasureReleasesWithTheQueueKeptAtDepth(ReleaseBackend backend, @TempDir Path dir) {
        ReleaseCost.Figure f = ReleaseCost.measure(backend, 200, 2, dir);
        assertEquals(200, f.depth());
        assertTrue(f.nsPerRelease() > 0, f::toString);
    }

    @org.junit.jupiter.api.Test
    void shouldReportTheDeepestOverShallowestRatioPerBackend() throws Exception {
        Map<String, Object> json = ReleaseCostBench.run(List.of(100, 200), List.of(ReleaseBackend.CORE_IN_MEMORY),
                1, "test");
        @SuppressWarnings("unchecked")
        Map<String, Object> ratios = (Map<String, Object>) json.get("costRatioDeepestVsShallowest");
        assertTrue(ratios.get("CORE_IN_MEMORY") instanceof Double, json::toString);
        assertEquals(2, ((List<?>) json.get("results")).size());
    }
}
