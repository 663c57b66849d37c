package io.governor.schemas.policy;

import io.governor.schemas.InvalidFieldException;

/** How many intents an account may hold waiting before it refuses (QUEUE_FULL) or sheds (SHED). */
public record QueueSpec(int max) {
    public static final QueueSpec DEFAULT = new QueueSpec(100_000);

    public QueueSpec {
        if (max < 0) {
            throw new InvalidFieldException("max", "must be >= 0, was " + max);
        }
    }
}
