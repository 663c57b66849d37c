package io.governor.core.queue;

/**
 * Intents whose own notBefore is still ahead (NOT_YET). They wait here, out of the room, so they never block a
 * group head; a {@link TimeIndex} moves them into the room when they become eligible. Over a key-value store:
 * {@code intentId} → WaitingIntent.
 */
public interface PendingIntents {

    void put(WaitingIntent intent);

    WaitingIntent get(String intentId);

    /** Removes and returns it, or null when absent. */
    WaitingIntent remove(String intentId);

    int size();
}
