package io.governor.streams.store;

import io.governor.core.queue.PendingIntents;
import io.governor.core.queue.WaitingIntent;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link PendingIntents} over the state store: {@code P|intentId} → intent. */
final class StorePendingIntents implements PendingIntents {
    private static final String SIZE = "pending";
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final StoreCounters counters;

    StorePendingIntents(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, StoreCounters counters) {
        this.store = store;
        this.keys = keys;
        this.counters = counters;
    }

    @Override
    public void put(WaitingIntent intent) {
        Bytes key = keys.key(AccountKeys.PENDING, AccountKeys.raw(intent.id()));
        if (store.get(key) == null) {
            counters.add(SIZE, 1);
        }
        store.put(key, StoreCodec.waiting(intent));
    }

    @Override
    public WaitingIntent get(String intentId) {
        return StoreCodec.waiting(store.get(keys.key(AccountKeys.PENDING, AccountKeys.raw(intentId))));
    }

    @Override
    public WaitingIntent remove(String intentId) {
        byte[] v = store.delete(keys.key(AccountKeys.PENDING, AccountKeys.raw(intentId)));
        if (v != null) {
            counters.add(SIZE, -1);
        }
        return StoreCodec.waiting(v);
    }

    @Override
    public int size() {
        return (int) counters.get(SIZE);
    }
}
