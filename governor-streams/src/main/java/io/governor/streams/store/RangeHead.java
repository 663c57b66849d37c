package io.governor.streams.store;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The least entries of a key range consumed from its front (a time index, a waiting group), kept in memory so
 * that asking for the first entry, which the admission does on every decision and release, reads the store only
 * when nothing is known: a range read costs an iterator and a seek (and RocksDB's walk over the tombstones of
 * entries already consumed, which the {@link FrontScan} floor shortens).
 *
 * <p>Invariant: every entry of the range up to {@code upTo} (or all of them when {@code whole}) is in
 * {@code head}. Writers tell it of every change ({@link #added}, {@link #removed}); the store must be written
 * only through the owner of this head, as {@link FrontScan} already requires. Appends after the last entry read
 * (later times, newer sequence numbers: the usual case) stay in the store.
 */
final class RangeHead {
    /**
     * Entries read at once (a range read costs an iterator and a seek over RocksDB: 64 make it ~8 % less
     * CPU per intent than 16 on the permit path with expiring leases), and the most kept (entries added below the
     * last one read accumulate).
     */
    private static final int READ_AHEAD = 64;
    private static final int HEAD_MAX = 1024;

    private final FrontScan front;
    private final TreeMap<Bytes, byte[]> head = new TreeMap<>();
    private boolean known;
    private boolean whole;
    private Bytes upTo;

    RangeHead(Bytes prefix) {
        this.front = new FrontScan(prefix);
    }

    /** {@code key} (in the range) was written with {@code value}, new or replacing one. */
    void added(Bytes key, byte[] value) {
        front.added(key);
        if (!known) {
            return;
        }
        if (head.containsKey(key)) {
            head.put(key, value);
        } else if (whole) {
            if (head.size() >= READ_AHEAD && key.compareTo(head.lastKey()) > 0) {
                whole = false; // the head now stands for what it holds; the new key stays in the store
                upTo = head.lastKey();
            } else {
                put(key, value);
            }
        } else if (key.compareTo(upTo) <= 0) {
            put(key, value);
        }
    }

    /** {@code key} was deleted from the store. */
    void removed(Bytes key) {
        head.remove(key);
    }

    /** The value of {@code key} if the head holds it, else null (which says nothing of the store). */
    byte[] valueOf(Bytes key) {
        return head.get(key);
    }

    /** Whether every entry of the range up to {@code key} is in memory, so {@link #floor} can answer for it. */
    boolean covers(Bytes key) {
        return known && (whole || key.compareTo(upTo) <= 0);
    }

    /** The greatest entry at or below {@code key}, or null when there is none; only for a key it covers. */
    Map.Entry<Bytes, byte[]> floor(Bytes key) {
        return head.floorEntry(key);
    }

    /** The least entry of the range, or null when it is empty. */
    Map.Entry<Bytes, byte[]> first(KeyValueStore<Bytes, byte[]> store) {
        if (!known || (head.isEmpty() && !whole)) {
            read(store);
        }
        return head.firstEntry();
    }

    /** Offers the range's entries in key order from the floor (past what the head knows), see {@link FrontScan}. */
    void scan(KeyValueStore<Bytes, byte[]> store, Predicate<KeyValue<Bytes, byte[]>> visitor) {
        front.scan(store, visitor);
    }

    private void put(Bytes key, byte[] value) {
        head.put(key, value);
        if (head.size() > HEAD_MAX) {
            head.pollLastEntry();
            whole = false;
            upTo = head.lastKey(); // still every entry up to it
        }
    }

    private void read(KeyValueStore<Bytes, byte[]> store) {
        head.clear();
        front.scan(store, e -> {
            head.put(e.key, e.value);
            return head.size() < READ_AHEAD;
        });
        known = true;
        whole = head.size() < READ_AHEAD;
        upTo = whole ? null : head.lastKey();
    }
}
