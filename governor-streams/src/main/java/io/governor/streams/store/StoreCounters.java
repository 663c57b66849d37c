package io.governor.streams.store;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Named counters of one account (sizes of its queues and indexes), so size() never scans. Values are remembered
 * once read: the admission asks for the queue's size on every decision, and the store is written only through
 * this view.
 */
final class StoreCounters {
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final Map<String, Long> known = new HashMap<>();

    StoreCounters(KeyValueStore<Bytes, byte[]> store, AccountKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    long get(String name) {
        Long v = known.get(name);
        if (v == null) {
            byte[] stored = store.get(keys.key(AccountKeys.COUNTER, AccountKeys.raw(name)));
            v = stored == null ? 0 : AccountKeys.readLong(stored);
            known.put(name, v);
        }
        return v;
    }

    void add(String name, long delta) {
        Bytes k = keys.key(AccountKeys.COUNTER, AccountKeys.raw(name));
        long next = get(name) + delta;
        known.put(name, next);
        if (next == 0) {
            store.put(k, null);
        } else {
            store.put(k, AccountKeys.longValue(next));
        }
    }
}
