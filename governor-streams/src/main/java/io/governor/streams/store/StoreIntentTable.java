package io.governor.streams.store;

import io.governor.core.queue.IntentTable;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link IntentTable} over the state store: {@code tag|intentId} → encoded value, its size kept in a store counter
 * because decisions read it.
 */
class StoreIntentTable<V> implements IntentTable<V> {
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final StoreCounters counters;
    private final byte tag;
    private final String sizeCounter;
    private final Function<V, String> idOf;
    private final Function<V, byte[]> encode;
    private final Function<byte[], V> decode;

    StoreIntentTable(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, StoreCounters counters, byte tag,
                     String sizeCounter, Function<V, String> idOf, Function<V, byte[]> encode,
                     Function<byte[], V> decode) {
        this.store = store;
        this.keys = keys;
        this.counters = counters;
        this.tag = tag;
        this.sizeCounter = sizeCounter;
        this.idOf = idOf;
        this.encode = encode;
        this.decode = decode;
    }

    private Bytes key(String intentId) {
        return keys.key(tag, AccountKeys.raw(intentId));
    }

    @Override
    public final void put(V value) {
        Bytes key = key(idOf.apply(value));
        if (store.get(key) == null) {
            counters.add(sizeCounter, 1);
        }
        store.put(key, encode.apply(value));
    }

    @Override
    public final V get(String intentId) {
        return decode.apply(store.get(key(intentId)));
    }

    @Override
    public final V remove(String intentId) {
        byte[] v = store.delete(key(intentId));
        if (v != null) {
            counters.add(sizeCounter, -1);
        }
        return decode.apply(v);
    }

    @Override
    public final int size() {
        return (int) counters.get(sizeCounter);
    }
}
