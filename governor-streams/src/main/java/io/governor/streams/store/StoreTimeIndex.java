package io.governor.streams.store;

import io.governor.core.queue.TimeIndex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link TimeIndex} over the state store: key {@code account|T|index|at|intentId}; the first key is the least. */
final class StoreTimeIndex implements TimeIndex {
    private static final byte[] EMPTY = new byte[0];
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final byte[] index;
    private final StoreCounters counters;
    private final String counter;

    StoreTimeIndex(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, char index, StoreCounters counters) {
        this.store = store;
        this.keys = keys;
        this.index = AccountKeys.one((byte) index);
        this.counters = counters;
        this.counter = "time-" + index;
    }

    @Override
    public void add(long at, String intentId) {
        Bytes k = keys.key(AccountKeys.TIME_INDEX, index, AccountKeys.orderedLong(at), AccountKeys.raw(intentId));
        if (store.get(k) == null) {
            store.put(k, EMPTY);
            counters.add(counter, 1);
        }
    }

    @Override
    public void remove(long at, String intentId) {
        if (store.delete(keys.key(AccountKeys.TIME_INDEX, index, AccountKeys.orderedLong(at),
                AccountKeys.raw(intentId))) != null) {
            counters.add(counter, -1);
        }
    }

    @Override
    public long peekTime() {
        byte[] first = firstSuffix();
        return first == null ? Long.MAX_VALUE : AccountKeys.readOrderedLong(first, 1);
    }

    @Override
    public String pollDue(long now) {
        byte[] first = firstSuffix();
        if (first == null || AccountKeys.readOrderedLong(first, 1) > now) {
            return null;
        }
        String id = new String(Arrays.copyOfRange(first, 9, first.length), StandardCharsets.UTF_8);
        store.delete(keys.key(AccountKeys.TIME_INDEX, first));
        counters.add(counter, -1);
        return id;
    }

    @Override
    public int size() {
        return (int) counters.get(counter);
    }

    private byte[] firstSuffix() {
        try (var it = store.prefixScan(keys.key(AccountKeys.TIME_INDEX, index), Serdes.Bytes().serializer())) {
            return it.hasNext() ? keys.suffix(it.next().key) : null;
        }
    }
}
