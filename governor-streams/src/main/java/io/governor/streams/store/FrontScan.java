package io.governor.streams.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads a key range that is consumed from its front (a queue or time index) starting at a floor remembered in
 * memory rather than at the start of the range. RocksDB keeps a tombstone for every deleted key until compaction,
 * and a seek to the start walks all of them: a queue read from the front would cost what the queue has ever
 * held since the last compaction. The floor is never above a live key: a scan raises it to the first live key it
 * meets, {@link #added} lowers it for a key written below it, and a new instance (after a restart or when its
 * owner is rebuilt) starts at the beginning of the range. Deletes keep it valid. The store must be written only
 * through the owner of this floor, which {@link #added} then learns of every insert.
 */
public final class FrontScan {
    private final byte[] prefix;
    /** The least key above every key with the prefix; null if there is none (prefix all 0xFF). */
    private final Bytes end;
    private Bytes floor;

    public FrontScan(Bytes prefix) {
        this.prefix = prefix.get();
        this.end = KeyPrefix.end(this.prefix);
        this.floor = prefix;
    }

    /** Learns that {@code key} (with this prefix) was written, so a later scan starts no later than it. */
    public void added(Bytes key) {
        if (key.compareTo(floor) < 0) {
            floor = key;
        }
    }

    /** The first entry with the prefix, or null; raises the floor to it. */
    public KeyValue<Bytes, byte[]> first(KeyValueStore<Bytes, byte[]> store) {
        List<KeyValue<Bytes, byte[]>> first = new ArrayList<>(1);
        scan(store, e -> !first.add(e));
        return first.isEmpty() ? null : first.get(0);
    }

    /**
     * Offers the entries with the prefix, in key order from the floor, to {@code visitor} until it returns false
     * or the range ends; raises the floor to the first entry offered (everything below it is gone).
     */
    public void scan(KeyValueStore<Bytes, byte[]> store, Predicate<KeyValue<Bytes, byte[]>> visitor) {
        if (end != null && floor.equals(end)) {
            // Known empty and nothing added since. Not even a seek: RocksDB's would walk on past the range, over
            // the tombstones at the front of the next one, to reach a live key.
            return;
        }
        // range() includes its upper bound and end is another range's first key, hence the prefix check.
        try (var it = end == null ? store.range(floor, null) : store.range(floor, end)) {
            boolean firstSeen = false;
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> e = it.next();
                if (!KeyPrefix.starts(e.key.get(), prefix)) {
                    break;
                }
                if (!firstSeen) {
                    floor = e.key;
                    firstSeen = true;
                }
                if (!visitor.test(e)) {
                    return;
                }
            }
            if (!firstSeen && end != null) {
                // Nothing live in the range: start the next scan past it, unless an insert lowers the floor.
                floor = end;
            }
        }
    }
}
