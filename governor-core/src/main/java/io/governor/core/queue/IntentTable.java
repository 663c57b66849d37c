package io.governor.core.queue;

/**
 * Values of one account keyed by intent id: the NOT_YET holds and the leases of permits awaiting their outcome.
 * Over a key-value store: {@code intentId} → value.
 */
public interface IntentTable<V> {

    /** Adds or replaces the value of its intent id. */
    void put(V value);

    V get(String intentId);

    /** Removes and returns it, or null when absent. */
    V remove(String intentId);

    int size();
}
