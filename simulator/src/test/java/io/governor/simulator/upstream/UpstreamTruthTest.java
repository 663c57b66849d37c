package io.governor.simulator.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.scenario.LatencySpec;
import io.governor.schemas.scenario.OutageSpec;
import io.governor.schemas.scenario.UpstreamAlgorithm;
import io.governor.schemas.scenario.UpstreamSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamTruthTest {
    private static final long T0 = 1_767_600_000_000L; // 2026-01-05T08:00:00Z, a whole minute

    private static UpstreamSpec spec(List<LimitSpec> limits, UpstreamAlgorithm algorithm) {
        return new UpstreamSpec(limits, false, algorithm, new LatencySpec(Duration.ZERO, Duration.ZERO), 0, null,
                null, null);
    }

    private static UpstreamTruth truth(UpstreamSpec spec) {
        return new UpstreamTruth(Map.of("api", spec), T0, 1);
    }

    @Test
    void shouldRefuseTheCallThatWouldBeOneTooManyInAnySlidingWindow() {
        var truth = truth(spec(List.of(LimitSpec.rolling(2, Duration.ofSeconds(1))), UpstreamAlgorithm.SLIDING));
        assertEquals(200, truth.call("api", null, T0).status());
        assertEquals(200, truth.call("api", null, T0 + 500).status());
        Answer third = truth.call("api", null, T0 + 999);
        assertEquals(429, third.status());
        assertTrue(third.violation());
        // The first call leaves the window (t − 1s, t] exactly at T0 + 1000.
        assertEquals(1000L, third.retryAfterMs());
        assertEquals(200, truth.call("api", null, T0 + 1000).status());
        assertEquals(429, truth.call("api", null, T0 + 1499).status());
        assertEquals(200, truth.call("api", null, T0 + 1500).status());
        assertEquals(2, truth.violations());
    }

    @Test
    void shouldNotCountRefusedCallsAgainstTheLimit() {
        var truth = truth(spec(List.of(LimitSpec.rolling(1, Duration.ofSeconds(1))), UpstreamAlgorithm.SLIDING));
        truth.call("api", null, T0);
        for (int i = 1; i < 10; i++) {
            assertEquals(429, truth.call("api", null, T0 + i * 100).status());
        }
        assertEquals(200, truth.call("api", null, T0 + 1000).status());
    }

    @Test
    void shouldResetAlignedWindowsAtTheirBoundaryNotASlidingSpanLater() {
        var truth = truth(spec(List.of(LimitSpec.rolling(2, Duration.ofMinutes(1))), UpstreamAlgorithm.FIXED));
        long lastSecond = T0 + 59_000;
        assertEquals(200, truth.call("api", null, lastSecond).status());
        assertEquals(200, truth.call("api", null, lastSecond + 500).status());
        Answer over = truth.call("api", null, lastSecond + 999);
        assertEquals(429, over.status());
        assertEquals(1000L, over.retryAfterMs());
        assertEquals(T0 + 60_000, over.rateLimit().resetAt());
        // A fixed window allows a burst of 2 + 2 across its edge, which a sliding log would refuse.
        assertEquals(200, truth.call("api", null, T0 + 60_000).status());
        assertEquals(200, truth.call("api", null, T0 + 60_001).status());
        assertEquals(429, truth.call("api", null, T0 + 60_002).status());
    }

    @Test
    void shouldResetCalendarDayAtLocalMidnight() {
        ZoneId sydney = ZoneId.of("Australia/Sydney");
        long midnight = ZonedDateTime.of(2026, 1, 6, 0, 0, 0, 0, sydney).toInstant().toEpochMilli();
        var truth = truth(spec(List.of(LimitSpec.calendar(3, Duration.ofDays(1), sydney)), UpstreamAlgorithm.SLIDING));
        for (int i = 3; i >= 1; i--) {
            assertEquals(200, truth.call("api", null, midnight - i * 1000L).status());
        }
        assertEquals(429, truth.call("api", null, midnight - 1).status());
        assertEquals(200, truth.call("api", null, midnight).status());
    }

    @Test
    void shouldCountEachLaneSeparatelyWhenPerLane() {
        var spec = new UpstreamSpec(List.of(LimitSpec.rolling(1, Duration.ofSeconds(1))), true, null, null, 0, null,
                null, null);
        var truth = truth(spec);
        assertEquals(200, truth.call("api", "ip-1", T0).status());
        assertEquals(200, truth.call("api", "ip-2", T0).status());
        assertEquals(429, truth.call("api", "ip-1", T0 + 1).status());
    }

    @Test
    void shouldCarryHeadersOfTheTightestWindow() {
        var truth = truth(spec(List.of(LimitSpec.rolling(10, Duration.ofSeconds(1)),
                LimitSpec.rolling(3, Duration.ofMinutes(1))), UpstreamAlgorithm.FIXED));
        Answer first = truth.call("api", null, T0);
        assertEquals(3L, first.rateLimit().limit());
        assertEquals(2L, first.rateLimit().remaining());
        assertEquals(T0 + 60_000, first.rateLimit().resetAt());
        assertNull(first.retryAfterMs());
    }

    @Test
    void shouldCountAViolationDuringAnOutageEvenThoughItAnswers503() {
        var spec = new UpstreamSpec(List.of(LimitSpec.rolling(1, Duration.ofSeconds(1))), false, null, null, 0,
                List.of(new OutageSpec(Duration.ZERO, Duration.ofMillis(500), 503)), null, null);
        var truth = truth(spec);
        assertEquals(503, truth.call("api", null, T0).status());
        Answer over = truth.call("api", null, T0 + 10);
        assertEquals(503, over.status());
        assertTrue(over.violation());
        assertEquals(1, truth.violations());
        assertEquals(429, truth.call("api", null, T0 + 600).status(), "the call answered 503 still counted");
    }

    @Test
    void shouldBanWith403ForBanForAfterEnoughViolations() {
        var spec = new UpstreamSpec(List.of(LimitSpec.rolling(1, Duration.ofSeconds(1))), false, null, null, 0, null,
                2, Duration.ofMinutes(10));
        var truth = truth(spec);
        truth.call("api", null, T0);
        assertEquals(429, truth.call("api", null, T0 + 1).status());
        assertEquals(429, truth.call("api", null, T0 + 2).status());
        Answer banned = truth.call("api", null, T0 + 5000);
        assertEquals(403, banned.status());
        assertFalse(banned.violation());
        assertEquals(403, truth.call("api", null, T0 + 2 + 599_999).status());
        assertEquals(200, truth.call("api", null, T0 + 602_000).status());
    }

    @Test
    void shouldDrawLatencyAroundTheGivenMedianAndTail() {
        var spec = new UpstreamSpec(List.of(), false, null,
                new LatencySpec(Duration.ofMillis(120), Duration.ofMillis(900)), 0, null, null, null);
        var truth = truth(spec);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Answer a = truth.call("api", null, T0 + i);
            assertNull(a.rateLimit());
            latencies.add(a.latencyMs());
        }
        latencies.sort(null);
        assertEquals(120, latencies.get(10_000), 8);
        assertEquals(900, latencies.get(19_800), 90);
    }

    @Test
    void shouldAnswerRandomErrorsAtTheErrorRateAndTheSameForTheSameSeed() {
        var spec = new UpstreamSpec(List.of(), false, null, null, 0.1, null, null, null);
        var a = truth(spec);
        var b = truth(spec);
        int errors = 0;
        for (int i = 0; i < 10_000; i++) {
            Answer x = a.call("api", null, T0 + i);
            Answer y = b.call("api", null, T0 + i);
            assertEquals(x, y);
            errors += x.status() == 500 ? 1 : 0;
        }
        assertEquals(1000, errors, 100);
        assertNotNull(a);
    }
}
