package io.governor.streams.store;

import io.governor.core.queue.TimeIndex;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link TimeIndex} over the state store: key {@code account|T|index|at|intentId}; the first key is the least,
 * known from the index's {@link RangeHead} (the admission asks for each index's least time on every decision:
 * when to wake up next, what is due).
 */
final class StoreTimeIndex implements TimeIndex {
    private static final byte[] EMPTY = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final byte[] index;
    private final RangeHead head;

    StoreTimeIndex(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, char index) {
        this.store = store;
        this.keys = keys;
        this.index = AccountKeys.one((byte) index);
        this.head = new RangeHead(keys.key(AccountKeys.TIME_INDEX, this.index));
    }

    /**
     * The key of entry (at, id) of the time index named {@code index}. {@link ChunkedTimeIndex} keys its chunks
     * the same way, which is how it reads an index written here.
     */
    static Bytes entryKey(AccountKeys keys, byte[] index, long at, String intentId) {
        return keys.key(AccountKeys.TIME_INDEX, index, AccountKeys.orderedLong(at), AccountKeys.raw(intentId));
    }

    /** The time of an entry key's suffix after the account and tag: index byte, at, id. */
    static long entryTime(byte[] suffix) {
        return AccountKeys.readOrderedLong(suffix, 1);
    }

    /** The id of an entry key's suffix after the account and tag. */
    static String entryId(byte[] suffix) {
        return new String(suffix, 9, suffix.length - 9, StandardCharsets.UTF_8);
    }

    @Override
    public void add(long at, String intentId) {
        Bytes k = entryKey(keys, index, at, intentId);
        store.put(k, EMPTY); // a second add of the same entry writes the same (empty) value again
        head.added(k, EMPTY);
    }

    @Override
    public void remove(long at, String intentId) {
        Bytes k = entryKey(keys, index, at, intentId);
        store.put(k, null);
        head.removed(k);
    }

    @Override
    public long peekTime() {
        byte[] first = firstSuffix();
        return first == null ? Long.MAX_VALUE : entryTime(first);
    }

    @Override
    public String pollDue(long now) {
        byte[] first = firstSuffix();
        if (first == null || entryTime(first) > now) {
            return null;
        }
        String id = entryId(first);
        Bytes k = keys.key(AccountKeys.TIME_INDEX, first);
        store.put(k, null);
        head.removed(k);
        return id;
    }

    /**
     * Counted by a scan: no decision asks, and a size counter would be two more store writes (changelog records)
     * per add and per poll.
     */
    @Override
    public int size() {
        int[] n = {0};
        head.scan(store, e -> ++n[0] > 0);
        return n[0];
    }

    private byte[] firstSuffix() {
        var first = head.first(store);
        return first == null ? null : keys.suffix(first.getKey());
    }
}
