package io.governor.core.dedup;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link SeenIds} on a hash map, expired in insertion order: expiries grow with time when the retention is
 * fixed, so the oldest entry is always the next to go.
 */
public final class InMemorySeenIds implements SeenIds {
    private record Seen(String id, long expiresAt) {
    }

    private final Map<String, Long> expiries = new HashMap<>();
    private final ArrayDeque<Seen> order = new ArrayDeque<>();

    @Override
    public boolean markSeen(String intentId, long now, long expiresAt) {
        Long old = expiries.get(intentId);
        if (old != null && old > now) {
            return false;
        }
        expiries.put(intentId, expiresAt);
        order.addLast(new Seen(intentId, expiresAt));
        return true;
    }

    @Override
    public void expire(long now) {
        while (!order.isEmpty() && order.peekFirst().expiresAt() <= now) {
            Seen s = order.pollFirst();
            expiries.remove(s.id(), s.expiresAt());
        }
    }

    @Override
    public int size() {
        return expiries.size();
    }
}
