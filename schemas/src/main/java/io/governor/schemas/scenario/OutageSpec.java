package io.governor.schemas.scenario;

import io.governor.schemas.DurationText;
import io.governor.schemas.InvalidFieldException;
import java.time.Duration;

/** The upstream answers every call with {@code status} from {@code from} to {@code to} (offsets from the start). */
public record OutageSpec(Duration from, Duration to, int status) {
    public static final int DEFAULT_STATUS = 503;

    public OutageSpec {
        if (from == null || from.isNegative()) {
            throw new InvalidFieldException("from", "must be a duration >= 0");
        }
        if (to == null || to.compareTo(from) <= 0) {
            throw new InvalidFieldException("to", "must be after from (" + DurationText.format(from) + "), was "
                    + (to == null ? null : DurationText.format(to)));
        }
        if (status < 100 || status > 599) {
            throw new InvalidFieldException("status", "must be an HTTP status 100..599, was " + status);
        }
    }

    /** True when an outage covers {@code offset} (from the scenario's start): from inclusive, to exclusive. */
    public boolean covers(Duration offset) {
        return offset.compareTo(from) >= 0 && offset.compareTo(to) < 0;
    }
}
