package io.governor.streams.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void shouldRefuseChunksOfOneEntry() {
        var store = rocks.open();
        var e = assertThrows(IllegalArgumentException.class, () -> new ChunkedTimeIndex(store, keys, 'S', 1));
        assertTrue(e.getMessage().contains("chunkSize"), e.getMessage());
    }
}
