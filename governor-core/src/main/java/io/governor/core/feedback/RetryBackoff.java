package io.governor.core.feedback;

import io.governor.schemas.policy.RetrySpec;
import java.util.random.RandomGenerator;

/**
 * Delay before retry number {@code attempt + 1} of an intent whose attempt {@code attempt} (0 first) failed:
 * {@code backoff × multiplier^attempt}, capped by {@code maxBackoff}, times a random factor in
 * [{@code jitterMin}, {@code jitterMax}]. The jitter applies after the cap, so a retry may wait up to
 * maxBackoff × jitterMax.
 */
public final class RetryBackoff {
    private RetryBackoff() {
    }

    public static long delayMs(RetrySpec spec, int attempt, RandomGenerator random) {
        double base = spec.backoff().toMillis() * Math.pow(spec.multiplier(), attempt);
        double capped = Math.min(base, spec.maxBackoff().toMillis());
        double jitter = spec.jitterMin() == spec.jitterMax() ? spec.jitterMin()
                : spec.jitterMin() + random.nextDouble() * (spec.jitterMax() - spec.jitterMin());
        return Math.round(capped * jitter);
    }

    /** Attempts allowed: the intent's own maxAttempts, else the policy's retry.maxAttempts. */
    public static int maxAttempts(Integer intentMax, RetrySpec spec) {
        return intentMax != null ? intentMax : spec.maxAttempts();
    }
}
