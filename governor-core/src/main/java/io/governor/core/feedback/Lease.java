package io.governor.core.feedback;

import io.governor.schemas.event.Intent;

/**
 * A permit in flight: the whole intent (a retry needs the original request), the attempt, the lane, when the
 * permit could start, when the lease ends without an outcome, and the intent's first arrival (for waitedMs of a
 * retry).
 */
public record Lease(Intent intent, String lane, int attempt, long notBefore, long leaseEnd, long arrivedAt) {

    public String id() {
        return intent.id();
    }
}
