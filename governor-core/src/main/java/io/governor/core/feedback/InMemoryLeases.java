package io.governor.core.feedback;

import java.util.HashMap;
import java.util.Map;

/** {@link Leases} in a hash map (simulator, tests). */
public final class InMemoryLeases implements Leases {
    private final Map<String, Lease> byId = new HashMap<>();

    @Override
    public void put(Lease lease) {
        byId.put(lease.id(), lease);
    }

    @Override
    public Lease get(String intentId) {
        return byId.get(intentId);
    }

    @Override
    public Lease remove(String intentId) {
        return byId.remove(intentId);
    }

    @Override
    public int size() {
        return byId.size();
    }
}
