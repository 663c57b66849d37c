package io.governor.core.queue;

/**
 * Intent ids ordered by a time (deadline, or when a NOT_YET intent becomes eligible), so the admission finds
 * what is due without scanning the queue and the host knows when to wake up. Over an ordered byte-keyed store:
 * key {@code at(8B big-endian, sign bit flipped) | intentId} → empty.
 */
public interface TimeIndex {

    void add(long at, String intentId);

    void remove(long at, String intentId);

    /** The least time in the index, or Long.MAX_VALUE when empty. */
    long peekTime();

    /** Removes and returns one id whose time is {@code <= now}, or null when none is due. */
    String pollDue(long now);

    int size();
}
