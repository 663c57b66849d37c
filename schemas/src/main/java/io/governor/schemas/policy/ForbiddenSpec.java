package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import java.time.Duration;

/** How long a 403 pauses the account or lane. */
public record ForbiddenSpec(Duration pause) {
    public static final ForbiddenSpec DEFAULT = new ForbiddenSpec(Duration.ofHours(24));

    public ForbiddenSpec {
        if (pause == null || pause.isNegative()) {
            throw new InvalidFieldException("pause", "must be a duration >= 0");
        }
    }
}
