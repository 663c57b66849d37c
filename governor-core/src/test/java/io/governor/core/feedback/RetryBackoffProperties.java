package io.governor.core.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.policy.RetrySpec;
import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RetryBackoffProperties {

    @Property(tries = 500)
    void shouldStayWithinTheCappedBackoffTimesTheJitterRange(
            @ForAll @LongRange(min = 0, max = 10_000) long backoff, @ForAll @DoubleRange(min = 1, max = 4) double mult,
            @ForAll @LongRange(min = 0, max = 120_000) long extra, @ForAll @IntRange(min = 0, max = 20) int attempt,
            @ForAll @DoubleRange(min = 0.1, max = 1) double jMin, @ForAll @DoubleRange(min = 0, max = 1) double jSpan,
            @ForAll long seed) {
        var spec = new RetrySpec(5, Duration.ofMillis(backoff), mult, Duration.ofMillis(backoff + extra), jMin,
                jMin + jSpan);
        double capped = Math.min(backoff * Math.pow(mult, attempt), backoff + extra);
        long d = RetryBackoff.delayMs(spec, attempt, new SplittableRandom(seed));
        assertTrue(d >= Math.floor(capped * jMin) && d <= Math.ceil(capped * (jMin + jSpan)),
                d + " outside [" + capped * jMin + ", " + capped * (jMin + jSpan) + "]");
    }

    @Test
    void shouldDoubleFromTheBackoffUntilTheCapWithoutJitter() {
        var spec = new RetrySpec(9, Duration.ofSeconds(2), 2, Duration.ofSeconds(60), 1, 1);
        var random = new SplittableRandom(1);
        long[] expected = {2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000};
        for (int a = 0; a < expected.length; a++) {
            assertEquals(expected[a], RetryBackoff.delayMs(spec, a, random), "attempt " + a);
        }
    }

    @Test
    void shouldLetTheIntentOverrideThePolicysMaxAttempts() {
        assertEquals(1, RetryBackoff.maxAttempts(1, new RetrySpec(5, Duration.ZERO, 1, Duration.ZERO, 1, 1)));
        assertEquals(5, RetryBackoff.maxAttempts(null, new RetrySpec(5, Duration.ZERO, 1, Duration.ZERO, 1, 1)));
    }
}
