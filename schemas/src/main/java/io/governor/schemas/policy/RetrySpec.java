package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import java.time.Duration;

/** Retries of 429, 5xx, timeouts and connect errors: {@code backoff × multiplier^attempt}, capped, jittered. */
public record RetrySpec(int maxAttempts, Duration backoff, double multiplier, Duration maxBackoff,
                        double jitterMin, double jitterMax) {
    public static final RetrySpec NONE = new RetrySpec(1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 1, 1);

    public RetrySpec {
        if (maxAttempts < 1) {
            throw new InvalidFieldException("maxAttempts", "must be >= 1, was " + maxAttempts);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new InvalidFieldException("backoff", "must be a duration >= 0");
        }
        if (!(multiplier >= 1)) {
            throw new InvalidFieldException("multiplier", "must be >= 1, was " + multiplier);
        }
        if (maxBackoff == null || maxBackoff.compareTo(backoff) < 0) {
            throw new InvalidFieldException("maxBackoff", "must be >= backoff");
        }
        if (!(jitterMin > 0 && jitterMin <= jitterMax)) {
            throw new InvalidFieldException("jitter", "must be [min, max] with 0 < min <= max, was ["
                    + jitterMin + ", " + jitterMax + "]");
        }
    }
}
