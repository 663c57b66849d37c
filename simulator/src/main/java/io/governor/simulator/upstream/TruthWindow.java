package io.governor.simulator.upstream;

import io.governor.core.window.CalendarPeriods;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.scenario.UpstreamAlgorithm;

/**
 * One limit of the truth for one key (account or lane), counting the calls it let through. Calls are expected in
 * (nearly) non-decreasing start order, as an executor makes them.
 */
public interface TruthWindow {

    /** The window the truth keeps for {@code limit}, admitting {@code max} (the limit's own, or scaled). */
    static TruthWindow of(LimitSpec limit, long max, UpstreamAlgorithm algorithm) {
        if (limit.calendar()) {
            return AlignedWindow.calendar(max, CalendarPeriods.of(limit.per(), limit.zone()));
        }
        return algorithm == UpstreamAlgorithm.FIXED ? AlignedWindow.fixed(max, limit.per().toMillis())
                : new SlidingLog(max, limit.per().toMillis());
    }

    /** The limit's {@code max}. */
    long max();

    /** Calls counted in the window that a call starting at {@code t} falls into. */
    long used(long t);

    /** When the window holding {@code t} next frees a unit (epoch ms, > t). */
    long resetAt(long t);

    /** Counts a call that started at {@code t}. */
    void record(long t);

    /**
     * Earliest instant {@code >= t} at which fewer than {@code room} (>= 1) counted calls are in the window, given
     * that no call is counted after {@code t} (the best schedule asks in time order).
     */
    long earliestBelow(long t, long room);

    /** True when a call starting at {@code t} would be over the limit. */
    default boolean refuses(long t) {
        return used(t) >= max();
    }
}
