package io.governor.streams.store;

import io.governor.core.queue.TimeIndex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link TimeIndex} over the state store that keeps up to {@code chunkSize} entries under one key, for an index
 * that gets an entry for nearly every intent and is consumed from its front: the dedup expiries and the lease
 * ends. One key per entry (as {@link StoreTimeIndex}) costs every intent an ordered write and a later delete, two
 * changelog records and a RocksDB tombstone; here a chunk is rewritten in memory ({@link WriteBehindStore}) and
 * reaches the changelog about once per commit while it fills or empties.
 *
 * <p>A chunk's key is {@code account|T|index|at|id} of the least entry it ever held (a lower bound of its
 * entries), its value the entries in (at, id) order: 8-byte at, 2-byte id length, id. Every entry of a chunk is
 * below the next chunk's key, so the chunks in key order are the index in order. In-order adds go to the last
 * chunk; others to the chunk whose key is the greatest at or below them, split in two when full. That chunk, for
 * an insert or a remove, is found in memory when it is the last one or among the first ones the {@link RangeHead}
 * holds (all of them for an account with up to ~2,000 entries), else by a range read. A key with an empty value
 * is a chunk of the one entry its key names: what {@link StoreTimeIndex} wrote, so an index it wrote is read on.
 *
 * <p>Over a {@link WriteBehindStore}, in-order adds to the last chunk are held in a growing buffer (otherwise
 * every add copies the chunk and rewrites its key in the view and the {@link RangeHead}) and handed to the store
 * when it asks ({@link WriteBehindStore.HeldWrite}), when a new last chunk starts, when the front is cut off that
 * chunk, and before a scan. Other readers of that chunk here use the buffer; the head and the store may hold it
 * as it was, whose first entry, all {@link #peekTime} and {@link #pollDue} read of it, an append never changes.
 */
final class ChunkedTimeIndex implements TimeIndex, WriteBehindStore.HeldWrite {
    /** Entries under one key: ~1.5 KB values for 36-character ids. */
    static final int ENTRIES_PER_CHUNK = 32;
    private static final int ENTRY_OVERHEAD = 10;

    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final byte[] index;
    private final int chunkSize;
    private final Bytes prefix;
    private final RangeHead head;
    /** Set when appends may be held back from the store (it is a {@link WriteBehindStore}). */
    private final WriteBehindStore holder;
    /** The last chunk when known (tailKnown); null then means the index is empty. */
    private Tail tail;
    private boolean tailKnown;

    ChunkedTimeIndex(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, char index, int chunkSize) {
        if (chunkSize < 2) {
            throw new IllegalArgumentException("chunkSize must be at least 2, was " + chunkSize);
        }
        this.store = store;
        this.keys = keys;
        this.index = AccountKeys.one((byte) index);
        this.chunkSize = chunkSize;
        this.prefix = keys.key(AccountKeys.TIME_INDEX, this.index);
        this.head = new RangeHead(prefix);
        this.holder = store instanceof WriteBehindStore w ? w : null;
    }

    @Override
    public void add(long at, String intentId) {
        Entry e = new Entry(at, intentId);
        Tail last = tail();
        if (last == null || e.compareTo(last.last) > 0) { // in order: the usual case, appended without decoding
            byte[] entry = encode(List.of(e));
            if (last == null || last.count >= chunkSize) {
                writeHeld();
                put(key(e), entry, 1, e);
            } else if (holder != null) {
                if (!last.held) {
                    last.held = true;
                    holder.hold(this);
                }
                last.append(entry, e);
            } else {
                last.append(entry, e);
                put(last.key, last.value(), last.count, e);
            }
            return;
        }
        Chunk c = chunkAtOrBelow(e);
        if (c == null) { // below every chunk: it starts a new first chunk
            write(new Chunk(key(e), new ArrayList<>(List.of(e))));
            return;
        }
        int i = indexOf(c.entries, e);
        if (i >= 0) {
            return; // already there
        }
        c.entries.add(-i - 1, e);
        if (c.entries.size() <= chunkSize) {
            write(c);
            return;
        }
        int half = c.entries.size() / 2;
        List<Entry> upper = new ArrayList<>(c.entries.subList(half, c.entries.size()));
        c.entries.subList(half, c.entries.size()).clear();
        write(c);
        write(new Chunk(key(upper.get(0)), upper));
    }

    /** Cuts the entry out of its chunk's bytes: an outcome answers a lease here, so nothing is decoded. */
    @Override
    public void remove(long at, String intentId) {
        Map.Entry<Bytes, byte[]> c = rawChunkAtOrBelow(new Entry(at, intentId));
        if (c == null) {
            return;
        }
        byte[] value = c.getValue();
        if (value.length == 0) {
            if (keyEntry(c.getKey()).equals(new Entry(at, intentId))) {
                put(c.getKey(), null, 0, null);
            }
            return;
        }
        byte[] id = AccountKeys.raw(intentId);
        int previous = -1;
        for (int pos = 0; pos < value.length; ) {
            long entryAt = ByteBuffer.wrap(value, pos, 8).getLong();
            int next = pos + ENTRY_OVERHEAD + length(value, pos);
            if (entryAt > at) {
                return; // entries are in order: it is not here
            }
            if (entryAt == at && Arrays.equals(value, pos + ENTRY_OVERHEAD, next, id, 0, id.length)) {
                byte[] rest = new byte[value.length - (next - pos)];
                System.arraycopy(value, 0, rest, 0, pos);
                System.arraycopy(value, next, rest, pos, value.length - next);
                boolean isTail = tail != null && tail.key.equals(c.getKey());
                Entry last = !isTail || rest.length == 0 ? null
                        : next < value.length ? tail.last : entryAt(value, previous);
                put(c.getKey(), rest.length == 0 ? null : rest, isTail ? tail.count - 1 : -1, last);
                return;
            }
            previous = pos;
            pos = next;
        }
    }

    @Override
    public long peekTime() {
        var first = head.first(store);
        return first == null ? Long.MAX_VALUE : firstAt(first.getKey(), first.getValue());
    }

    @Override
    public String pollDue(long now) {
        var first = head.first(store);
        if (first == null || firstAt(first.getKey(), first.getValue()) > now) {
            return null; // asked on every decision: answered without handing held appends over
        }
        if (tail != null && tail.held && tail.key.equals(first.getKey())) {
            writeHeld(); // the front is cut off the chunk appends are held for
            first = head.first(store);
        }
        byte[] value = first.getValue();
        if (value.length == 0) {
            put(first.getKey(), null, 0, null);
            return keyEntry(first.getKey()).id;
        }
        // The first entry is cut off the front: no decoding of the rest.
        int length = length(value, 0);
        String id = new String(value, ENTRY_OVERHEAD, length, StandardCharsets.UTF_8);
        byte[] rest = Arrays.copyOfRange(value, ENTRY_OVERHEAD + length, value.length);
        boolean isTail = tail != null && tail.key.equals(first.getKey());
        put(first.getKey(), rest.length == 0 ? null : rest, isTail ? tail.count - 1 : -1, isTail ? tail.last : null);
        return id;
    }

    /** Counted by a scan, as {@link StoreTimeIndex} does: no decision asks. */
    @Override
    public int size() {
        writeHeld();
        int[] n = {0};
        head.scan(store, kv -> {
            n[0] += decode(kv.key, kv.value).size();
            return true;
        });
        return n[0];
    }

    /** Hands the appends held back to the store (the tail's value as it is now). */
    @Override
    public void writeHeld() {
        if (tail != null && tail.held) {
            tail.held = false;
            byte[] value = tail.value();
            store.put(tail.key, value);
            head.added(tail.key, value);
        }
    }

    /** Writes a chunk, or deletes it when it is empty. */
    private void write(Chunk c) {
        if (c.entries.isEmpty()) {
            put(c.key, null, 0, null);
        } else {
            put(c.key, encode(c.entries), c.entries.size(), c.entries.get(c.entries.size() - 1));
        }
    }

    /**
     * Writes (or with a null value deletes) the chunk at {@code key} and keeps the head and the tail in step;
     * {@code count} and {@code last} describe the value when it may be the tail.
     */
    private void put(Bytes key, byte[] value, int count, Entry last) {
        store.put(key, value);
        if (value == null) {
            head.removed(key);
            if (tail != null && tail.key.equals(key)) {
                tailKnown = false; // the chunk before it is the tail now, read when asked
                tail = null;
            }
            return;
        }
        head.added(key, value);
        if (tailKnown && (tail == null || key.compareTo(tail.key) >= 0)) {
            tail = new Tail(key, value, count, last);
        }
    }

    private Tail tail() {
        if (!tailKnown) {
            tail = null;
            try (var it = store.reverseRange(prefix, KeyPrefix.end(prefix.get()))) {
                if (it.hasNext()) {
                    var kv = it.next();
                    if (KeyPrefix.starts(kv.key.get(), prefix.get())) {
                        List<Entry> entries = decode(kv.key, kv.value);
                        // A one-entry chunk with an empty value gets its entry spelled out before an append.
                        tail = new Tail(kv.key, encode(entries), entries.size(), entries.get(entries.size() - 1));
                    }
                }
            }
            tailKnown = true;
        }
        return tail;
    }

    /** The chunk whose key is the greatest at or below {@code e}, or null when every chunk is above it. */
    private Chunk chunkAtOrBelow(Entry e) {
        var raw = rawChunkAtOrBelow(e);
        return raw == null ? null : new Chunk(raw.getKey(), decode(raw.getKey(), raw.getValue()));
    }

    /** The same chunk as stored; the tail with the appends held back, which no other chunk's key is above. */
    private Map.Entry<Bytes, byte[]> rawChunkAtOrBelow(Entry e) {
        Tail last = tail();
        if (last == null) {
            return null;
        }
        Bytes k = key(e);
        if (k.compareTo(last.key) >= 0) {
            return Map.entry(last.key, last.value());
        }
        if (head.covers(k)) { // near the front: the chunks there are in memory
            return head.floor(k);
        }
        try (var it = store.reverseRange(prefix, k)) {
            if (it.hasNext()) {
                var kv = it.next();
                return Map.entry(kv.key, kv.value);
            }
        }
        return null;
    }

    /** The id length of the entry at {@code pos} of a chunk's value. */
    private static int length(byte[] value, int pos) {
        return ((value[pos + 8] & 0xFF) << 8) | (value[pos + 9] & 0xFF);
    }

    private static Entry entryAt(byte[] value, int pos) {
        return new Entry(ByteBuffer.wrap(value, pos, 8).getLong(),
                new String(value, pos + ENTRY_OVERHEAD, length(value, pos), StandardCharsets.UTF_8));
    }

    private Bytes key(Entry e) {
        return StoreTimeIndex.entryKey(keys, index, e.at, e.id);
    }

    /** The first entry's time, read without decoding the chunk. */
    private long firstAt(Bytes key, byte[] value) {
        return value.length == 0 ? keyEntry(key).at : ByteBuffer.wrap(value).getLong();
    }

    private Entry keyEntry(Bytes key) {
        byte[] suffix = keys.suffix(key);
        return new Entry(StoreTimeIndex.entryTime(suffix), StoreTimeIndex.entryId(suffix));
    }

    private List<Entry> decode(Bytes key, byte[] value) {
        List<Entry> out = new ArrayList<>(chunkSize + 1);
        if (value.length == 0) {
            out.add(keyEntry(key));
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        while (b.hasRemaining()) {
            long at = b.getLong();
            int length = b.getShort() & 0xFFFF;
            out.add(new Entry(at, new String(value, b.position(), length, StandardCharsets.UTF_8)));
            b.position(b.position() + length);
        }
        return out;
    }

    private static byte[] encode(List<Entry> entries) {
        byte[][] ids = new byte[entries.size()][];
        int size = 0;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = AccountKeys.raw(entries.get(i).id);
            size += ENTRY_OVERHEAD + ids[i].length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        for (int i = 0; i < ids.length; i++) {
            b.putLong(entries.get(i).at).putShort((short) ids[i].length).put(ids[i]);
        }
        return b.array();
    }

    /** Where {@code e} is in sorted {@code entries}, or {@code -(insertion point) - 1}. */
    private static int indexOf(List<Entry> entries, Entry e) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = entries.get(mid).compareTo(e);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** In the order of their keys: time, then the id's UTF-8 bytes. */
    private record Entry(long at, String id) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Arrays.compareUnsigned(AccountKeys.raw(id), AccountKeys.raw(o.id));
        }
    }

    /** A chunk decoded, to insert into or remove from. */
    private record Chunk(Bytes key, List<Entry> entries) {
    }

    /**
     * The last chunk, with its entry count and last entry: appends need no decoding. Its value is the first
     * {@code length} bytes of {@code buffer}, which grows by doubling; {@code held} when the store has not seen
     * the latest appends.
     */
    private static final class Tail {
        private final Bytes key;
        private byte[] buffer;
        private int length;
        private int count;
        private Entry last;
        private boolean held;

        Tail(Bytes key, byte[] value, int count, Entry last) {
            this.key = key;
            this.buffer = value;
            this.length = value.length;
            this.count = count;
            this.last = last;
        }

        void append(byte[] entry, Entry e) {
            if (length + entry.length > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(length + entry.length, buffer.length * 2));
            }
            System.arraycopy(entry, 0, buffer, length, entry.length);
            length += entry.length;
            count++;
            last = e;
        }

        /** A copy: the buffer is appended to in place. */
        byte[] value() {
            return Arrays.copyOf(buffer, length);
        }
    }
}
