package io.governor.streams.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the chunks are for; the index's order and polls are checked by StorageContractTest. */
class ChunkedTimeIndexTest {
    @RegisterExtension
    final RocksDbStores rocks = new RocksDbStores();

    private final AccountKeys keys = new AccountKeys("acct");

    private static int keysIn(KeyValueStore<Bytes, byte[]> store) {
        int n = 0;
        try (var it = store.all()) {
            for (; it.hasNext(); it.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void shouldWriteOneKeyPerChunkOfInOrderEntries() {
        var store = rocks.open();
        var view = new WriteBehindStore(store, AccountKeys.POINT_KEYS);
        var index = new ChunkedTimeIndex(view, keys, 'S', 32);
        for (int i = 0; i < 1_000; i++) {
            index.add(10_000 + i, "intent-" + i);
            if (i % 100 == 99) {
                view.writePending(); // a commit every 100 entries
            }
        }
        view.writePending();
        assertEquals(32, keysIn(store), "1,000 entries in chunks of 32");
        assertEquals(1_000, index.size());
    }

    @Test
    void shouldDeleteAChunkOnceItsLastEntryIsPolled() {
        var store = rocks.open();
        var view = new WriteBehindStore(store, AccountKeys.POINT_KEYS);
        var index = new ChunkedTimeIndex(view, keys, 'S', 32);
        for (int i = 0; i < 64; i++) {
            index.add(i, "intent-" + i);
        }
        view.writePending();
        for (int i = 0; i < 40; i++) {
            assertEquals("intent-" + i, index.pollDue(100));
        }
        view.writePending();
        assertEquals(1, keysIn(store), "the first chunk is gone, the second holds 24 entries");
        assertEquals(24, index.size());
    }

    @Test
    void shouldReadOnAnIndexWrittenOneKeyPerEntry() {
        var store = rocks.open();
        var before = new StoreTimeIndex(store, keys, 'S');
        before.add(100, "old-a");
        before.add(300, "old-c");
        var index = new ChunkedTimeIndex(store, keys, 'S', 4);
        index.add(400, "new-d");
        index.add(200, "new-b");
        index.add(500, "new-e");
        assertEquals(5, index.size());
        assertEquals("old-a", index.pollDue(1_000));
        assertEquals("new-b", index.pollDue(1_000));
        assertEquals("old-c", index.pollDue(1_000));
        assertEquals("new-d", index.pollDue(1_000));
        assertEquals("new-e", index.pollDue(1_000));
        assertNull(index.pollDue(1_000));
        assertTrue(keysIn(store) == 0, "every chunk deleted");
    }

    /** Entries at one time come out in the order of their ids' bytes, across splits, and an add is idempotent. */
    @Test
    void shouldOrderEntriesOfOneTimeByIdAndIgnoreASecondAdd() {
        var index = new ChunkedTimeIndex(rocks.open(), keys, 'S', 4);
        String[] ids = {"m", "c", "x", "a", "k", "b", "z", "e", "c", "a"};
        for (String id : ids) {
            index.add(100, id);
        }
        index.add(50, "early");
        index.remove(100, "k");
        assertEquals(8, index.size());
        StringBuilder polled = new StringBuilder();
        for (String id = index.pollDue(100); id != null; id = index.pollDue(100)) {
            polled.append(id).append(' ');
        }
        assertEquals("early a b c e m x z ", polled.toString());
    }

    @Test
    void shouldHoldInOrderAppendsBackUntilTheViewAsks() {
        var store = rocks.open();
        var view = new WriteBehindStore(store, AccountKeys.POINT_KEYS);
        var index = new ChunkedTimeIndex(view, keys, 'S', 32);
        index.add(100, "a");
        index.add(200, "b");
        index.add(300, "c");
        assertEquals(100, index.peekTime(), "the first entry is read while appends are held");
        assertEquals(1, new ChunkedTimeIndex(view, keys, 'S', 32).size(),
                "another view of the store sees the chunk as it was created, one entry");
        view.writeHeld();
        assertEquals(3, new ChunkedTimeIndex(view, keys, 'S', 32).size());
        index.add(400, "d");
        view.writePending(); // a commit hands the held appends over first
        var reopened = new ChunkedTimeIndex(store, keys, 'S', 32);
        assertEquals(4, reopened.size(), "the store itself has every entry after the commit");
        index.add(500, "e");
        assertEquals("a", index.pollDue(1_000));
        assertEquals(List.of("b", "c", "d", "e"), List.of(index.pollDue(1_000), index.pollDue(1_000),
                index.pollDue(1_000), index.pollDue(1_000)), "the holder reads its own held appends");
    }

    /**
     * A random mix of adds (mostly in order), removes, polls, commits and reloads (a new index over the view after
     * {@link WriteBehindStore#writeHeld}, as the processor does after an eviction) against a sorted-set model.
     */
    @Test
    void shouldMatchASortedSetThroughHeldAppendsCommitsAndReloads() {
        for (long seed = 1; seed <= 20; seed++) {
            var random = new java.util.Random(seed);
            var store = rocks.open();
            var view = new WriteBehindStore(store, AccountKeys.POINT_KEYS);
            var index = new ChunkedTimeIndex(view, keys, 'S', 4);
            var model = new java.util.TreeSet<java.util.Map.Entry<Long, String>>(
                    java.util.Map.Entry.<Long, String>comparingByKey().thenComparing(java.util.Map.Entry.comparingByValue()));
            long clock = 0;
            for (int step = 0; step < 600; step++) {
                int op = random.nextInt(100);
                if (op < 50) {
                    long at = random.nextInt(10) < 8 ? clock += random.nextInt(3) : clock - random.nextInt(20);
                    String id = "i" + random.nextInt(1_000);
                    index.add(at, id);
                    model.add(java.util.Map.entry(at, id));
                } else if (op < 65 && !model.isEmpty()) {
                    var victim = model.stream().skip(random.nextInt(model.size())).findFirst().orElseThrow();
                    if (random.nextBoolean()) { // perhaps absent: another id at its time, or its id at another time
                        victim = random.nextBoolean() ? java.util.Map.entry(victim.getKey(), "i" + random.nextInt(1_000))
                                : java.util.Map.entry(victim.getKey() + random.nextInt(3) - 1, victim.getValue());
                    }
                    index.remove(victim.getKey(), victim.getValue());
                    model.remove(victim);
                } else if (op < 80) {
                    long now = clock - random.nextInt(10);
                    var due = model.isEmpty() || model.first().getKey() > now ? null : model.pollFirst();
                    assertEquals(due == null ? null : due.getValue(), index.pollDue(now), "seed " + seed + " step " + step);
                } else if (op < 88) {
                    assertEquals(model.isEmpty() ? Long.MAX_VALUE : model.first().getKey(), index.peekTime(),
                            "seed " + seed + " step " + step);
                } else if (op < 94) {
                    view.writePending();
                    assertEquals(model.size(), new ChunkedTimeIndex(store, keys, 'S', 4).size(),
                            "seed " + seed + " step " + step + ": what the commit wrote");
                } else {
                    view.writeHeld();
                    index = new ChunkedTimeIndex(view, keys, 'S', 4);
                }
            }
            assertEquals(model.size(), index.size(), "seed " + seed);
            view.writePending();
            assertEquals(model.size(), new ChunkedTimeIndex(store, keys, 'S', 4).size(), "seed " + seed + " committed");
        }
    }

    /** A last chunk written one key per entry (empty value) gets its held appends before its front is cut. */
    @Test
    void shouldCutTheFrontOfALegacyLastChunkWithoutLosingHeldAppends() {
        var store = rocks.open();
        new StoreTimeIndex(store, keys, 'S').add(100, "a");
        var index = new ChunkedTimeIndex(new WriteBehindStore(store, AccountKeys.POINT_KEYS), keys, 'S', 32);
        index.add(200, "b");
        assertEquals("a", index.pollDue(150));
        assertEquals(200, index.peekTime());
        assertEquals("b", index.pollDue(250));
    }

    @Test
    void shouldRefuseChunksOfOneEntry() {
        var store = rocks.open();
        var e = assertThrows(IllegalArgumentException.class, () -> new ChunkedTimeIndex(store, keys, 'S', 1));
        assertTrue(e.getMessage().contains("chunkSize"), e.getMessage());
    }
}
