package io.governor.streams.store;

import io.governor.core.feedback.Lease;
import io.governor.core.feedback.Leases;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link Leases} over the state store: {@code L|intentId} → lease (JSON, the whole intent included). */
final class StoreLeases implements Leases {
    private static final String SIZE = "leases";
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final StoreCounters counters;

    StoreLeases(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, StoreCounters counters) {
        this.store = store;
        this.keys = keys;
        this.counters = counters;
    }

    private Bytes key(String intentId) {
        return keys.key(AccountKeys.LEASE, AccountKeys.raw(intentId));
    }

    @Override
    public void put(Lease lease) {
        Bytes key = key(lease.id());
        if (store.get(key) == null) {
            counters.add(SIZE, 1);
        }
        store.put(key, StoreCodec.lease(lease));
    }

    @Override
    public Lease get(String intentId) {
        return StoreCodec.lease(store.get(key(intentId)));
    }

    @Override
    public Lease remove(String intentId) {
        byte[] v = store.delete(key(intentId));
        if (v != null) {
            counters.add(SIZE, -1);
        }
        return StoreCodec.lease(v);
    }

    @Override
    public int size() {
        return (int) counters.get(SIZE);
    }
}
