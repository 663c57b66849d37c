package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import java.time.Duration;

/** When the circuit of an account or lane opens, how long it stays open, and how it probes. */
public record CircuitSpec(int consecutiveFailures, double errorRate, Duration window, int minCalls,
                          Duration cooldown, int halfOpenProbes) {
    public CircuitSpec {
        if (consecutiveFailures < 1) {
            throw new InvalidFieldException("consecutiveFailures", "must be >= 1, was " + consecutiveFailures);
        }
        if (!(errorRate > 0 && errorRate <= 1)) {
            throw new InvalidFieldException("errorRate", "must be in (0,1], was " + errorRate);
        }
        if (window == null || window.isZero() || window.isNegative()) {
            throw new InvalidFieldException("window", "must be a positive duration");
        }
        if (minCalls < 1) {
            throw new InvalidFieldException("minCalls", "must be >= 1, was " + minCalls);
        }
        if (cooldown == null || cooldown.isNegative()) {
            throw new InvalidFieldException("cooldown", "must be a duration >= 0");
        }
        if (halfOpenProbes < 1) {
            throw new InvalidFieldException("halfOpenProbes", "must be >= 1, was " + halfOpenProbes);
        }
    }
}
