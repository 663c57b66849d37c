package io.governor.streams.store;

import io.governor.core.queue.TimeIndex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link TimeIndex} over the state store: key {@code account|T|index|at|intentId}; the first key is the least, read from
 * a {@link FrontScan} floor past the tombstones of the entries already polled.
 *
 * <p>The first keys are also kept in memory ({@link #head}): the admission asks for the least time of each index
 * on every decision (when to wake up next, what is due), and a range read per question was a tenth of the stream
 * thread. The store must be written only through this instance, as the floor already requires.
 */
final class StoreTimeIndex implements TimeIndex {
    private static final byte[] EMPTY = new byte[0];
    /** Keys read into {@link #head} at once, and the most it keeps. */
    private static final int READ_AHEAD = 16;
    private static final int HEAD_MAX = 1024;
    /** {@link #headUpTo} when the head is the whole index (compared by identity). */
    private static final Bytes WHOLE = Bytes.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final byte[] index;
    private final FrontScan front;
    /** The least keys of the index: every key of the index up to {@link #headUpTo} is in it. */
    private final TreeSet<Bytes> head = new TreeSet<>();
    /** Null when nothing is known (read the store), {@link #WHOLE} when the head is the whole index. */
    private Bytes headUpTo;

    StoreTimeIndex(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, char index) {
        this.store = store;
        this.keys = keys;
        this.index = AccountKeys.one((byte) index);
        this.front = new FrontScan(keys.key(AccountKeys.TIME_INDEX, this.index));
    }

    @Override
    public void add(long at, String intentId) {
        Bytes k = keys.key(AccountKeys.TIME_INDEX, index, AccountKeys.orderedLong(at), AccountKeys.raw(intentId));
        store.put(k, EMPTY); // a second add of the same entry writes the same (empty) value again
        front.added(k);
        if (headUpTo == null) {
            return;
        }
        if (headUpTo == WHOLE && head.size() >= READ_AHEAD && k.compareTo(head.last()) > 0) {
            headUpTo = head.last(); // a key after the whole head (the usual add: a later time) stays in the store
        } else if (headUpTo == WHOLE || k.compareTo(headUpTo) <= 0) {
            head.add(k);
            if (head.size() > HEAD_MAX) {
                head.pollLast();
                headUpTo = head.last(); // still every key up to it
            }
        }
    }

    @Override
    public void remove(long at, String intentId) {
        Bytes k = keys.key(AccountKeys.TIME_INDEX, index, AccountKeys.orderedLong(at), AccountKeys.raw(intentId));
        store.put(k, null);
        head.remove(k);
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
        Bytes k = keys.key(AccountKeys.TIME_INDEX, first);
        store.put(k, null);
        head.remove(k);
        return id;
    }

    /**
     * Counted by a scan: no decision asks, and a size counter would be two more store writes (changelog records)
     * per add and per poll.
     */
    @Override
    public int size() {
        int[] n = {0};
        front.scan(store, e -> ++n[0] > 0);
        return n[0];
    }

    private byte[] firstSuffix() {
        if (headUpTo == null || (head.isEmpty() && headUpTo != WHOLE)) {
            readHead();
        }
        return head.isEmpty() ? null : keys.suffix(head.first());
    }

    private void readHead() {
        head.clear();
        front.scan(store, e -> head.add(e.key) && head.size() < READ_AHEAD);
        headUpTo = head.size() < READ_AHEAD ? WHOLE : head.last();
    }
}
