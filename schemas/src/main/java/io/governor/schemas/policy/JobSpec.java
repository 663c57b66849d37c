package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;

/** A per-job budget: at most {@code maxCalls} attempts (first attempts and retries) for one job key. */
public record JobSpec(int maxCalls) {
    public JobSpec {
        if (maxCalls < 1) {
            throw new InvalidFieldException("maxCalls", "must be >= 1, was " + maxCalls);
        }
    }
}
