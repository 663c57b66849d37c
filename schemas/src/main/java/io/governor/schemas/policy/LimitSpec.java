package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * At most {@code max} cost units in any window of length {@code per} (rolling), or, when {@code calendar},
 * in each calendar day or hour of {@code zone} (resets at local midnight or the top of the local hour).
 */
public record LimitSpec(long max, Duration per, boolean calendar, ZoneId zone) {
    public LimitSpec {
        if (max < 1) {
            throw new InvalidFieldException("max", "must be >= 1, was " + max);
        }
        if (per == null || per.isNegative() || per.isZero()) {
            throw new InvalidFieldException("per", "must be a positive duration, was " + per);
        }
        if (calendar) {
            if (!per.equals(Duration.ofDays(1)) && !per.equals(Duration.ofHours(1))) {
                throw new InvalidFieldException("per", "a calendar window must be 1d or 1h, was "
                        + io.governor.schemas.DurationText.format(per));
            }
            zone = zone == null ? ZoneId.of("UTC") : zone;
        } else if (zone != null) {
            throw new InvalidFieldException("zone", "only calendar windows have a zone (add calendar: true)");
        }
    }

    public static LimitSpec rolling(long max, Duration per) {
        return new LimitSpec(max, per, false, null);
    }

    public static LimitSpec calendar(long max, Duration per, ZoneId zone) {
        return new LimitSpec(max, per, true, zone);
    }

    /** Short name for this window in events, e.g. {@code 1h} or {@code 1d@Australia/Sydney}. */
    public String windowName() {
        String base = io.governor.schemas.DurationText.format(per);
        return calendar ? base + "@" + zone.getId() : base;
    }
}
