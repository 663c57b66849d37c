package io.governor.core.queue;

import io.governor.core.decision.DeferReason;
import io.governor.schemas.event.Intent;

/**
 * An intent held by the governor. {@code seq} orders arrivals within the account; {@code arrivedAt} is the first
 * arrival (for waitedMs); {@code lastReason} is the reason of the last Deferral emitted for it, so another is
 * emitted only when the reason changes.
 */
public record WaitingIntent(Intent intent, long seq, long arrivedAt, DeferReason lastReason) {

    public String id() {
        return intent.id();
    }

    public GroupKey group() {
        return GroupKey.of(intent);
    }

    public WaitingIntent withReason(DeferReason reason) {
        return new WaitingIntent(intent, seq, arrivedAt, reason);
    }

    public WaitingIntent withSeq(long newSeq) {
        return new WaitingIntent(intent, newSeq, arrivedAt, lastReason);
    }
}
