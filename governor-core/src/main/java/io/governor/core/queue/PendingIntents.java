package io.governor.core.queue;

/**
 * Intents whose own notBefore is still ahead (NOT_YET). They wait here, out of the room, so they never block a
 * group head; a {@link TimeIndex} moves them into the room when they become eligible.
 */
public interface PendingIntents extends IntentTable<WaitingIntent> {
}
