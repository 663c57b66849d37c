package io.governor.simulator.virtual;

import io.governor.schemas.event.Permit;

/**
 * The executor's rule for when a permitted call starts: at its notBefore, or as soon as the permit is in hand
 * if that is later; a call that could only start after validUntil is not made (PERMIT_EXPIRED).
 * TODO(fetch-executor): the real executor applies the same rule; share one implementation once it is public.
 */
public final class PermitTiming {
    /** Returned by {@link #startAt} when the permit expired before it could be used. */
    public static final long EXPIRED = Long.MIN_VALUE;

    private PermitTiming() {
    }

    /** When the call starts, for a permit held from {@code heldFromMs}, or {@link #EXPIRED}. */
    public static long startAt(Permit permit, long heldFromMs) {
        long start = Math.max(permit.notBefore(), heldFromMs);
        return start <= permit.validUntil() ? start : EXPIRED;
    }
}
