package io.governor.streams.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A processor's view of a logged store that keeps its writes in memory until {@link #writePending} hands the net change
 * to the store in one batch, which the task's {@link CommitHook} does just before every commit.
 *
 * <p>Why: every write to a logged store is a changelog record and a RocksDB write on the stream thread, and the
 * governor rewrites the same few keys (an account's state, its wake-up) for each intent, and writes and deletes
 * others (a lease answered, an index entry polled) within one commit interval. Only the last value of a key
 * between two commits matters to the changelog, and a key written and deleted in between, which the store never
 * held, needs no record at all. Kafka's record cache does the first but copies a range's cached keys on every
 * range read, and the governor reads ranges on every decision; here a range read merges the pending writes
 * with the store's range lazily.
 *
 * <p>Durability under exactly-once is unchanged: the commit hook runs inside the task's commit before its records
 * are flushed and its offsets committed, so the changelog holds every write that a committed output depends on;
 * a crash loses pending writes together with the uncommitted transaction and its input is processed again.
 * Without exactly-once, outputs are not held back by a transaction, so the processor writes out after every step.
 *
 * <p>Pending writes of keys read in ranges are kept in order; those of {@link PointKeys} (read one at a time)
 * in a hash map, and a range that could hold such keys sorts the ones it holds when it is read.
 *
 * <p>Iterators see the pending writes as of their creation or later (a skip list's weakly consistent view) and
 * the store's range as RocksDB's snapshot does; callers never write while they iterate.
 */
public final class WriteBehindStore implements KeyValueStore<Bytes, byte[]> {
    /** Marks a pending delete; compared by identity, so a real empty value is never taken for it. */
    private static final byte[] DELETED = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;
    private final PointKeys pointKeys;
    /** Pending writes of keys that ranges read, in key order. */
    private final ConcurrentSkipListMap<Bytes, byte[]> pending = new ConcurrentSkipListMap<>();
    /** Pending writes of point keys: no order to keep. */
    private final Map<Bytes, byte[]> points = new HashMap<>();
    /** Writers holding a change back, each asked once: see {@link HeldWrite}. */
    private final Set<HeldWrite> held = Collections.newSetFromMap(new IdentityHashMap<>());

    public WriteBehindStore(KeyValueStore<Bytes, byte[]> store) {
        this(store, PointKeys.NONE);
    }

    public WriteBehindStore(KeyValueStore<Bytes, byte[]> store, PointKeys pointKeys) {
        this.store = store;
        this.pointKeys = pointKeys;
    }

    private Map<Bytes, byte[]> pendingOf(Bytes key) {
        return pointKeys.isPoint(key.get()) ? points : pending;
    }

    /**
     * A writer that holds a change back even from this view (a chunk being filled, rewritten on every append
     * otherwise) and hands it over when asked: before the pending writes go out, and whenever a caller is about to
     * read what it may hold through another view ({@link #writeHeld}).
     */
    public interface HeldWrite {
        void writeHeld();
    }

    /** Asks {@code w} to hand over its change before the next {@link #writePending} or {@link #writeHeld}. */
    public void hold(HeldWrite w) {
        held.add(w);
    }

    /** Has every {@link HeldWrite} put its change into this view. */
    public void writeHeld() {
        if (held.isEmpty()) {
            return;
        }
        List<HeldWrite> writers = new ArrayList<>(held);
        held.clear();
        writers.forEach(HeldWrite::writeHeld);
    }

    /** Writes the pending changes to the store in one batch, deletes as null values, and forgets them. */
    public void writePending() {
        writeHeld();
        if (pendingWrites() == 0) {
            return;
        }
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(pendingWrites());
        addTo(batch, pending);
        addTo(batch, points);
        store.putAll(batch);
        pending.clear();
        points.clear();
    }

    private static void addTo(List<KeyValue<Bytes, byte[]>> batch, Map<Bytes, byte[]> writes) {
        for (Map.Entry<Bytes, byte[]> e : writes.entrySet()) {
            batch.add(KeyValue.pair(e.getKey(), e.getValue() == DELETED ? null : e.getValue()));
        }
    }

    /** How many keys have a write not yet flushed. */
    public int pendingWrites() {
        return pending.size() + points.size();
    }

    @Override
    public byte[] get(Bytes key) {
        byte[] v = pendingOf(key).get(key);
        if (v != null) {
            return v == DELETED ? null : v;
        }
        return store.get(key);
    }

    /**
     * A null value deletes without reading what it deletes: a key the store may hold gets a tombstone unread (an
     * index entry just read, an id known to be there), so callers that need no old value should delete this way.
     */
    @Override
    public void put(Bytes key, byte[] value) {
        Map<Bytes, byte[]> writes = pendingOf(key);
        if (value != null) {
            writes.put(key, value);
        } else if (writes.get(key) == null) {
            writes.put(key, DELETED);
        } else {
            delete(key);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        Map<Bytes, byte[]> writes = pendingOf(key);
        byte[] p = writes.get(key);
        if (p == DELETED) {
            return null;
        }
        byte[] stored = store.get(key);
        if (stored == null) {
            writes.remove(key); // written since the last flush only: nothing to tell the changelog
        } else {
            writes.put(key, DELETED);
        }
        return p != null ? p : stored;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return merged(pendingIn(from, to), store.range(from, to), false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return merged(pendingIn(from, to).descendingMap(), store.reverseRange(from, to), true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return merged(pendingIn(null, null), store.all(), false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return merged(pendingIn(null, null).descendingMap(), store.reverseAll(), true);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
        byte[] p = serializer.serialize(null, prefix);
        NavigableMap<Bytes, byte[]> ordered = KeyPrefix.of(pending, p);
        if (points.isEmpty() || !pointKeys.anyStartWith(p, p.length)) {
            return merged(ordered, store.prefixScan(prefix, serializer), false);
        }
        Bytes end = KeyPrefix.end(p);
        return merged(withPoints(ordered, Bytes.wrap(p), end, false), store.prefixScan(prefix, serializer), false);
    }

    @Override
    public long approximateNumEntries() {
        return store.approximateNumEntries() + pendingWrites();
    }

    @Override
    public String name() {
        return store.name();
    }

    /** A view is never registered with a task: the store it wraps is. */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        throw new UnsupportedOperationException("a write-behind view is not a state store of its own");
    }

    @Override
    public void close() {
        pending.clear();
        points.clear();
    }

    @Override
    public boolean persistent() {
        return store.persistent();
    }

    @Override
    public boolean isOpen() {
        return store.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return store.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return store.getPosition();
    }

    /** The pending writes between {@code from} and {@code to} (inclusive; null: unbounded), in key order. */
    private NavigableMap<Bytes, byte[]> pendingIn(Bytes from, Bytes to) {
        NavigableMap<Bytes, byte[]> ordered = bounded(from, to);
        if (points.isEmpty() || from != null && to != null && from.compareTo(to) > 0) {
            return ordered;
        }
        // Every key between from and to starts with the bytes the two share.
        int shared = 0;
        if (from != null && to != null) {
            shared = Arrays.mismatch(from.get(), to.get());
            shared = shared < 0 ? from.get().length : shared;
        }
        if (from != null && !pointKeys.anyStartWith(from.get(), shared)) {
            return ordered;
        }
        return withPoints(ordered, from, to, true);
    }

    /**
     * {@code ordered} with the pending point writes from {@code from} up to {@code to} added in a sorted copy, or
     * {@code ordered} itself when none is in that range (a range whose bounds share no tag, such as the wake-ups'
     * due scan, reads no point key, and a scan of the point writes is cheaper than a copy of the ordered ones).
     */
    private NavigableMap<Bytes, byte[]> withPoints(NavigableMap<Bytes, byte[]> ordered, Bytes from, Bytes to,
                                                   boolean toInclusive) {
        TreeMap<Bytes, byte[]> both = null;
        for (Map.Entry<Bytes, byte[]> e : points.entrySet()) {
            Bytes k = e.getKey();
            if ((from == null || k.compareTo(from) >= 0)
                    && (to == null || (toInclusive ? k.compareTo(to) <= 0 : k.compareTo(to) < 0))) {
                if (both == null) {
                    both = new TreeMap<>(ordered);
                }
                both.put(k, e.getValue());
            }
        }
        return both == null ? ordered : both;
    }

    private NavigableMap<Bytes, byte[]> bounded(Bytes from, Bytes to) {
        if (from != null && to != null && from.compareTo(to) > 0) {
            return new ConcurrentSkipListMap<>();
        }
        if (from == null) {
            return to == null ? pending : pending.headMap(to, true);
        }
        return to == null ? pending.tailMap(from, true) : pending.subMap(from, true, to, true);
    }

    /** The store's entries overlaid with the pending writes, both in the same order; deletes hide entries. */
    private static KeyValueIterator<Bytes, byte[]> merged(Map<Bytes, byte[]> pendingView,
                                                          KeyValueIterator<Bytes, byte[]> stored,
                                                          boolean descending) {
        Comparator<Bytes> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Iterator<Map.Entry<Bytes, byte[]>> written = pendingView.entrySet().iterator();
        return new KeyValueIterator<>() {
            private Map.Entry<Bytes, byte[]> w = written.hasNext() ? written.next() : null;
            private KeyValue<Bytes, byte[]> next = advance();

            private KeyValue<Bytes, byte[]> advance() {
                while (true) {
                    Bytes s = stored.hasNext() ? stored.peekNextKey() : null;
                    if (w == null && s == null) {
                        return null;
                    }
                    int c = w == null ? 1 : s == null ? -1 : order.compare(w.getKey(), s);
                    if (c > 0) {
                        return stored.next();
                    }
                    if (c == 0) {
                        stored.next(); // the pending write replaces what is stored
                    }
                    Map.Entry<Bytes, byte[]> current = w;
                    w = written.hasNext() ? written.next() : null;
                    if (current.getValue() != DELETED) {
                        return KeyValue.pair(current.getKey(), current.getValue());
                    }
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                KeyValue<Bytes, byte[]> current = next;
                next = advance();
                return current;
            }

            @Override
            public Bytes peekNextKey() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                return next.key;
            }

            @Override
            public void close() {
                stored.close();
            }
        };
    }
}
