package io.governor.streams.store;

import io.governor.core.queue.TimeIndex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link TimeIndex} over the state store: key {@code account|T|index|at|intentId}; the first key is the least, read from
 * a {@link FrontScan} floor past the tombstones of the entries already polled. */
final class StoreTimeIndex implements TimeIndex {
    private static final byte[] EMPTY = new byte[0];
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final byte[] index;
    private final StoreCounters counters;
    private final String counter;
    private final FrontScan front;

    StoreTimeIndex(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, char index, StoreCounters counters) {
        this.store = store;
        this.keys = keys;
        this.index = AccountKeys.one((byte) index);
        this.counters = counters;
        this.counter = "time-" + index;
        this.front = new FrontScan(keys.key(AccountKeys.TIME_INDEX, this.index));
    }

    @Override
    public void add(long at, String intentId) {
        Bytes k = keys.key(AccountKeys.TIME_INDEX, index, AccountKeys.orderedLong(at), AccountKeys.raw(intentId));
        if (store.get(k) == null) {
            store.put(k, EMPTY);
            front.added(k);
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
        var first = front.first(store);
        return first == null ? null : keys.suffix(first.key);
    }
}
