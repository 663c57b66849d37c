package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;
import java.util.List;

/** Alert thresholds: window usage fractions, and ratios of 429s and errors among outcomes. */
public record AlertSpec(List<Double> quota, Double rateLimitedRatio, Double errorRatio) {
    public AlertSpec {
        quota = quota == null ? List.of() : List.copyOf(quota);
        for (int i = 0; i < quota.size(); i++) {
            Double q = quota.get(i);
            if (q == null || !(q > 0 && q <= 1)) {
                throw new InvalidFieldException("quota[" + i + "]", "must be in (0,1], was " + q);
            }
        }
        if (rateLimitedRatio != null && !(rateLimitedRatio > 0 && rateLimitedRatio <= 1)) {
            throw new InvalidFieldException("rateLimitedRatio", "must be in (0,1], was " + rateLimitedRatio);
        }
        if (errorRatio != null && !(errorRatio > 0 && errorRatio <= 1)) {
            throw new InvalidFieldException("errorRatio", "must be in (0,1], was " + errorRatio);
        }
    }
}
