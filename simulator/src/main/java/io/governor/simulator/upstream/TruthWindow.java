package io.governor.simulator.upstream;

/**
 * One limit of the truth for one key (account or lane), counting the calls it let through. Calls are expected in
 * (nearly) non-decreasing start order, as an executor makes them.
 */
interface TruthWindow {

    /** The limit's {@code max}. */
    long max();

    /** Calls counted in the window that a call starting at {@code t} falls into. */
    long used(long t);

    /** When the window holding {@code t} next frees a unit (epoch ms, > t). */
    long resetAt(long t);

    /** Counts a call that started at {@code t}. */
    void record(long t);

    /** True when a call starting at {@code t} would be over the limit. */
    default boolean refuses(long t) {
        return used(t) >= max();
    }
}
