package io.governor.core.feedback;

import io.governor.core.queue.InMemoryIntentTable;

/** {@link Leases} in a hash map (simulator, tests). */
public final class InMemoryLeases extends InMemoryIntentTable<Lease> implements Leases {
    public InMemoryLeases() {
        super(Lease::id);
    }
}
