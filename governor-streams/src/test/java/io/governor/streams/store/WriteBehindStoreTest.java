package io.governor.streams.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WriteBehindStoreTest {
    @RegisterExtension
    final RocksDbStores rocks = new RocksDbStores();

    private KeyValueStore<Bytes, byte[]> rocks() {
        return rocks.open();
    }

    private static Bytes key(int k) {
        return Bytes.wrap(new byte[] {(byte) (k / 16), (byte) (k % 16)});
    }

    @Test
    void shouldWriteNothingToTheStoreUntilPendingWritesAreWritten() {
        var store = rocks();
        var view = new WriteBehindStore(store);
        view.put(key(1), new byte[] {1});
        view.put(key(1), new byte[] {2});

        assertNull(store.get(key(1)));
        assertArrayEquals(new byte[] {2}, view.get(key(1)));

        view.writePending();
        assertArrayEquals(new byte[] {2}, store.get(key(1)));
        assertEquals(0, view.pendingWrites());
    }

    @Test
    void shouldForgetAKeyWrittenAndDeletedBetweenTwoWritesWhichTheStoreNeverHeld() {
        var store = rocks();
        var view = new WriteBehindStore(store);
        view.put(key(1), new byte[] {1});
        assertArrayEquals(new byte[] {1}, view.delete(key(1)));

        assertEquals(0, view.pendingWrites(), "no tombstone for a key the store never held");
        assertNull(view.get(key(1)));
    }

    @Test
    void shouldDeleteFromTheStoreAKeyItHeld() {
        var store = rocks();
        store.put(key(1), new byte[] {1});
        var view = new WriteBehindStore(store);
        view.put(key(1), new byte[] {2});
        assertArrayEquals(new byte[] {2}, view.delete(key(1)));
        assertNull(view.get(key(1)));
        assertArrayEquals(new byte[] {1}, store.get(key(1)));

        view.writePending();
        assertNull(store.get(key(1)));
    }

    @Test
    void shouldKeepAnEmptyValueApartFromADelete() {
        var store = rocks();
        var view = new WriteBehindStore(store);
        view.put(key(1), new byte[0]);
        view.writePending();
        assertArrayEquals(new byte[0], store.get(key(1)));
    }

    /** Random writes, deletes, reads, ranges and write-outs against an ordered map, on RocksDB. */
    @Test
    void shouldAgreeWithAnOrderedModelUnderRandomOperationsAndWriteOuts() {
        agreeWithOrderedModel(PointKeys.NONE);
    }

    /** The same with keys of two of the four first bytes kept unordered: ranges over them must still see them. */
    @Test
    void shouldAgreeWithAnOrderedModelWhenSomeKeysArePointKeys() {
        agreeWithOrderedModel(PointKeys.firstByte((byte) 1, (byte) 3));
    }

    private void agreeWithOrderedModel(PointKeys pointKeys) {
        for (int seed = 0; seed < 20; seed++) {
            var store = rocks();
            var view = new WriteBehindStore(store, pointKeys);
            NavigableMap<Bytes, byte[]> model = new TreeMap<>();
            Random random = new Random(seed);
            for (int step = 0; step < 2_000; step++) {
                Bytes k = key(random.nextInt(64));
                int op = random.nextInt(100);
                String at = "seed " + seed + " step " + step;
                if (op < 35) {
                    byte[] v = {(byte) random.nextInt(128)};
                    view.put(k, v);
                    model.put(k, v);
                } else if (op < 48) {
                    assertArrayEquals(model.remove(k), view.delete(k), at);
                } else if (op < 55) {
                    view.put(k, null); // deletes unread
                    model.remove(k);
                } else if (op < 65) {
                    assertArrayEquals(model.get(k), view.get(k), at);
                } else if (op < 75) {
                    Bytes to = key(random.nextInt(64));
                    assertEquals(entries(between(model, k, to)), entries(view.range(k, to)), at);
                } else if (op < 82) {
                    Bytes to = key(random.nextInt(64));
                    assertEquals(entries(between(model, k, to).descendingMap()),
                            entries(view.reverseRange(k, to)), at);
                } else if (op < 90) {
                    Bytes prefix = Bytes.wrap(new byte[] {k.get()[0]});
                    assertEquals(entries(model.subMap(prefix, true, Bytes.wrap(new byte[] {(byte) (k.get()[0] + 1)}),
                            false)), entries(view.prefixScan(prefix, Serdes.Bytes().serializer())), at);
                } else if (op < 93) {
                    assertEquals(entries(model), entries(view.all()), at);
                } else {
                    view.writePending();
                    assertEquals(entries(model), entries(store.all()), at + ": the store after a write-out");
                }
            }
        }
    }

    private static List<String> entries(Map<Bytes, byte[]> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(k + "=" + Bytes.wrap(v)));
        return out;
    }

    private static List<String> entries(KeyValueIterator<Bytes, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(e -> out.add(e.key + "=" + Bytes.wrap(e.value)));
        }
        return out;
    }

    /** The model's keys from {@code from} to {@code to}, both included; none when from is above to. */
    private static NavigableMap<Bytes, byte[]> between(NavigableMap<Bytes, byte[]> model, Bytes from, Bytes to) {
        return from.compareTo(to) > 0 ? new TreeMap<>() : model.subMap(from, true, to, true);
    }
}
