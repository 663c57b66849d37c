package io.governor.core.window;

import io.governor.schemas.policy.LimitSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One limit of one scope (account, lane or tenant): its spec and the mutable record of the permits it has
 * counted. A permit counts over its whole span [notBefore, notBefore + validity] (inclusive), because the call
 * may start anywhere in it.
 *
 * <p>Permits are recorded in non-decreasing notBefore order (the admission guarantees it); the exact checks
 * rely on that.
 */
public sealed interface Window permits RollingLog, RollingBuckets, CalendarWindow {
    /** Stored layout of window states before {@link RollingBuckets} kept bounds per bucket. */
    int LAYOUT_BUCKET_COUNTS = 1;
    /** Current layout: {@link RollingBuckets} stores each bucket's newest validUntil and least gap. */
    int LAYOUT_BUCKET_BOUNDS = 2;

    LimitSpec spec();

    /** floor(max × safety): units the window admits at full share and factor 1. */
    long allowed();

    /**
     * The earliest notBefore {@code >= t} at which a permit of {@code cost} units keeps every interval this
     * window checks at most {@code cap} units. {@code cost <= cap} is the caller's duty.
     */
    long earliest(long t, int cost, long cap);

    /** Counts a permit of {@code cost} units over [notBefore, validUntil]. */
    void record(long notBefore, long validUntil, int cost);

    /** Units counted in the interval that contains {@code t}, for snapshots (approximate for buckets). */
    long usedAt(long t);

    /** Number of changes so far (records and state reads): equal versions mean equal answers to equal questions. */
    long version();

    void writeState(DataOutput out) throws IOException;

    /** Reads what {@link #writeState} wrote, or what an older layout (see the constants) wrote. */
    void readState(DataInput in, int layout) throws IOException;
}
