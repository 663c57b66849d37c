package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import java.time.Duration;

/** AIMD on the effective max: times {@code decrease} on a 429, plus {@code increase} every {@code every}. */
public record AdaptiveSpec(double decrease, double increase, double floor, Duration every) {
    public AdaptiveSpec {
        if (!(decrease > 0 && decrease < 1)) {
            throw new InvalidFieldException("decrease", "must be in (0,1), was " + decrease);
        }
        if (!(increase > 0 && increase <= 1)) {
            throw new InvalidFieldException("increase", "must be in (0,1], was " + increase);
        }
        if (!(floor > 0 && floor <= 1)) {
            throw new InvalidFieldException("floor", "must be in (0,1], was " + floor);
        }
        if (every == null || every.isZero() || every.isNegative()) {
            throw new InvalidFieldException("every", "must be a positive duration");
        }
    }
}
