package io.governor.core.queue;

import io.governor.core.decision.DeferReason;
import io.governor.schemas.event.Intent;

/**
 * An intent held by the governor. {@code seq} orders arrivals within the account; {@code arrivedAt} is the first
 * arrival (for waitedMs); {@code lastReason} is the reason of the last Deferral emitted for it, so another is
 * emitted only when the reason changes. {@code attempt} is 0 for a first attempt and n for the n-th retry.
 */
public record WaitingIntent(Intent intent, long seq, long arrivedAt, DeferReason lastReason, int attempt) {

    /** A first attempt. */
    public WaitingIntent(Intent intent, long seq, long arrivedAt, DeferReason lastReason) {
        this(intent, seq, arrivedAt, lastReason, 0);
    }

    public String id() {
        return intent.id();
    }

    public GroupKey group() {
        return GroupKey.of(intent);
    }

    public WaitingIntent withReason(DeferReason reason) {
        return new WaitingIntent(intent, seq, arrivedAt, reason, attempt);
    }

    public WaitingIntent withSeq(long newSeq) {
        return new WaitingIntent(intent, newSeq, arrivedAt, lastReason, attempt);
    }
}
