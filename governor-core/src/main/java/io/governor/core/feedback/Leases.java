package io.governor.core.feedback;

/**
 * Permits of one account that wait for their Outcome. Over a key-value store: {@code intentId} → Lease. The
 * admission keeps a {@link io.governor.core.queue.TimeIndex} of lease ends beside it.
 */
public interface Leases {

    /** Adds or replaces the lease of its intent id. */
    void put(Lease lease);

    Lease get(String intentId);

    /** Removes and returns it, or null when absent. */
    Lease remove(String intentId);

    int size();
}
