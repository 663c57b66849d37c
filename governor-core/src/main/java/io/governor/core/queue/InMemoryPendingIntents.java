package io.governor.core.queue;

import java.util.HashMap;
import java.util.Map;

/** {@link PendingIntents} on a hash map. */
public final class InMemoryPendingIntents implements PendingIntents {
    private final Map<String, WaitingIntent> byId = new HashMap<>();

    @Override
    public void put(WaitingIntent intent) {
        byId.put(intent.id(), intent);
    }

    @Override
    public WaitingIntent get(String intentId) {
        return byId.get(intentId);
    }

    @Override
    public WaitingIntent remove(String intentId) {
        return byId.remove(intentId);
    }

    @Override
    public int size() {
        return byId.size();
    }
}
