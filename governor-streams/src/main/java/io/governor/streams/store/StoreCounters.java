package io.governor.streams.store;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/** Named counters of one account (sizes of its queues and indexes), so size() never scans. */
final class StoreCounters {
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;

    StoreCounters(KeyValueStore<Bytes, byte[]> store, AccountKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    long get(String name) {
        byte[] v = store.get(keys.key(AccountKeys.COUNTER, AccountKeys.raw(name)));
        return v == null ? 0 : AccountKeys.readLong(v);
    }

    void add(String name, long delta) {
        Bytes k = keys.key(AccountKeys.COUNTER, AccountKeys.raw(name));
        byte[] v = store.get(k);
        long next = (v == null ? 0 : AccountKeys.readLong(v)) + delta;
        if (next == 0) {
            store.delete(k);
        } else {
            store.put(k, AccountKeys.longValue(next));
        }
    }
}
