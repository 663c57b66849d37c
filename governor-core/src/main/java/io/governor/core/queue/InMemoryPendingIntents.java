package io.governor.core.queue;

/** {@link PendingIntents} on a hash map. */
public final class InMemoryPendingIntents extends InMemoryIntentTable<WaitingIntent> implements PendingIntents {
    public InMemoryPendingIntents() {
        super(WaitingIntent::id);
    }
}
