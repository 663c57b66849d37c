package io.governor.streams.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.dedup.InMemorySeenIds;
import io.governor.core.dedup.SeenIds;
import io.governor.core.decision.DeferReason;
import io.governor.core.feedback.InMemoryLeases;
import io.governor.core.feedback.Lease;
import io.governor.core.feedback.Leases;
import io.governor.core.queue.GroupKey;
import io.governor.core.queue.InMemoryTimeIndex;
import io.governor.core.queue.InMemoryWaitingRoom;
import io.governor.core.queue.TimeIndex;
import io.governor.core.queue.WaitingIntent;
import io.governor.core.queue.WaitingRoom;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import io.governor.schemas.json.GovernorJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One contract, two backends: the core's in-memory storage and the state-store storage the Streams host uses
 * must behave the same, or the simulator would not predict production.
 */
class StorageContractTest {

    static KeyValueStore<Bytes, byte[]> newStore() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(
                new SkipListStoreSupplier("governor-state"), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        var context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /**
     * A RocksDB store as production opens it (no changelog, no cache), under {@code dir}: the backend whose
     * tombstones the range floors skip, so the floors must be proved on it too.
     */
    static KeyValueStore<Bytes, byte[]> newRocksDbStore(Path dir) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore("governor-state"), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().withCachingDisabled().build();
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "storage-contract");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        var context = new MockProcessorContext<>(props, new TaskId(0, 0), dir.toFile());
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    static WaitingIntent waiting(String id, Priority p, String tenant, long seq) {
        Intent i = new Intent(id, "acct", tenant, null, p, 1, null, null, null, null, null, null, null, null, null);
        return new WaitingIntent(i, seq, 1000 + seq, null);
    }

    abstract static class WaitingRoomContract {
        abstract WaitingRoom room();

        @Test
        void shouldKeepArrivalOrderWithinAGroup() {
            WaitingRoom room = room();
            room.append(waiting("b", Priority.NORMAL, "t", 2), 0);
            room.append(waiting("a", Priority.NORMAL, "t", 1), 0);
            room.append(waiting("c", Priority.NORMAL, "t", 3), 0);
            GroupKey g = new GroupKey(Priority.NORMAL, "t", null);
            assertEquals("a", room.head(g).id());
            room.remove("a");
            assertEquals("b", room.head(g).id());
            assertEquals(2, room.size());
        }

        @Test
        void shouldListOnlyNonEmptyGroupsOfAPriority() {
            WaitingRoom room = room();
            room.append(waiting("a", Priority.LOW, "x", 1), 5);
            room.append(waiting("b", Priority.LOW, "y", 2), 7);
            room.append(waiting("c", Priority.HIGH, "x", 3), 0);
            Set<String> tenants = room.groups(Priority.LOW).stream().map(GroupKey::tenant).collect(Collectors.toSet());
            assertEquals(Set.of("x", "y"), tenants);
            assertEquals(7, room.clock(new GroupKey(Priority.LOW, "y", null)));
            room.remove("b");
            assertEquals(List.of(new GroupKey(Priority.LOW, "x", null)), room.groups(Priority.LOW));
            assertTrue(room.groups(Priority.NORMAL).isEmpty());
        }

        @Test
        void shouldKeepAGroupClockUntilTheGroupEmpties() {
            WaitingRoom room = room();
            GroupKey g = new GroupKey(Priority.NORMAL, "", "");
            room.append(waiting("a", Priority.NORMAL, null, 1), 3);
            room.setClock(g, 42);
            room.append(waiting("b", Priority.NORMAL, null, 2), 99);
            assertEquals(42, room.clock(g));
            room.remove("a");
            room.remove("b");
            room.append(waiting("c", Priority.NORMAL, null, 3), 99);
            assertEquals(99, room.clock(g));
        }

        @Test
        void shouldFindUpdateAndRemoveById() {
            WaitingRoom room = room();
            room.append(waiting("a", Priority.NORMAL, null, 1), 0);
            room.update(room.get("a").withReason(DeferReason.RATE_LIMIT));
            assertEquals(DeferReason.RATE_LIMIT, room.get("a").lastReason());
            assertEquals("a", room.remove("a").id());
            assertNull(room.remove("a"));
            assertNull(room.get("a"));
            assertEquals(0, room.size());
        }

        @Test
        void shouldFindTheHeadAfterAppendsBelowItAndRemovalsOfIt() {
            WaitingRoom room = room();
            GroupKey g = new GroupKey(Priority.NORMAL, "t", null);
            room.append(waiting("a", Priority.NORMAL, "t", 5), 0);
            room.append(waiting("b", Priority.NORMAL, "t", 6), 0);
            room.append(waiting("other", Priority.NORMAL, "u", 2), 0);
            assertEquals("a", room.head(g).id());
            room.remove("a");
            assertEquals("b", room.head(g).id());
            room.append(waiting("retry", Priority.NORMAL, "t", 1), 0);
            assertEquals("retry", room.head(g).id(), "a requeued intent keeps its earlier seq and leads again");
            room.update(room.head(g).withReason(DeferReason.RATE_LIMIT));
            assertEquals("retry", room.head(g).id());
            room.remove("retry");
            room.remove("b");
            assertNull(room.head(g));
            room.append(waiting("c", Priority.NORMAL, "t", 3), 0);
            assertEquals("c", room.head(g).id(), "a group emptied and refilled below its last head");
            assertEquals(List.of(g), room.groups(Priority.NORMAL).stream().filter(k -> k.tenant().equals("t")).toList());
            assertEquals("other", room.head(new GroupKey(Priority.NORMAL, "u", null)).id());
        }

        @Test
        void shouldAgreeWithAnOrderedModelUnderRandomAppendsRemovesAndHeads() {
            WaitingRoom room = room();
            Map<String, TreeMap<Long, String>> model = new HashMap<>();
            Map<String, Long> seqOf = new HashMap<>();
            Random random = new Random(42);
            long nextSeq = 1_000;
            for (int step = 0; step < 3_000; step++) {
                String tenant = "t" + random.nextInt(3);
                GroupKey g = new GroupKey(Priority.NORMAL, tenant, null);
                TreeMap<Long, String> group = model.computeIfAbsent(tenant, t -> new TreeMap<>());
                int op = random.nextInt(10);
                if (op < 4) {
                    // Mostly at the tail; sometimes below the current head (a requeued retry keeps its seq).
                    long seq = random.nextInt(4) == 0 ? uniqueBelow(group, seqOf, random) : nextSeq++;
                    String id = "i" + step;
                    room.append(waiting(id, Priority.NORMAL, tenant, seq), 0);
                    group.put(seq, id);
                    seqOf.put(id, seq);
                } else if (op < 7 && !group.isEmpty()) {
                    String id = group.pollFirstEntry().getValue();
                    assertEquals(id, room.remove(id).id());
                    seqOf.remove(id);
                } else if (op < 8 && !group.isEmpty()) {
                    Long seq = new ArrayList<>(group.keySet()).get(random.nextInt(group.size()));
                    String id = group.remove(seq);
                    assertEquals(id, room.remove(id).id());
                    seqOf.remove(id);
                }
                WaitingIntent head = room.head(g);
                assertEquals(group.isEmpty() ? null : group.firstEntry().getValue(), head == null ? null : head.id(),
                        "head of " + tenant + " at step " + step);
            }
            assertEquals(seqOf.size(), room.size());
        }

        @Test
        void shouldNameTheNewestOfAPriorityAcrossGroups() {
            WaitingRoom room = room();
            room.append(waiting("old", Priority.LOW, "x", 1), 0);
            room.append(waiting("new", Priority.LOW, "y", 9), 0);
            room.append(waiting("mid", Priority.LOW, "x", 5), 0);
            assertEquals("new", room.newest(Priority.LOW).id());
            assertNull(room.newest(Priority.HIGH));
        }
    }

    abstract static class TimeIndexContract {
        abstract TimeIndex index();

        @Test
        void shouldPollInTimeOrderOnlyWhenDue() {
            TimeIndex index = index();
            index.add(300, "c");
            index.add(100, "a");
            index.add(-5, "neg");
            index.add(200, "b");
            assertEquals(-5, index.peekTime());
            assertEquals("neg", index.pollDue(0));
            assertNull(index.pollDue(99));
            assertEquals("a", index.pollDue(100));
            index.remove(200, "b");
            assertEquals(300, index.peekTime());
            assertEquals(1, index.size());
            assertEquals("c", index.pollDue(Long.MAX_VALUE - 1));
            assertEquals(Long.MAX_VALUE, index.peekTime());
        }

        @Test
        void shouldSeeEntriesAddedBelowTheLastEntryRead() {
            TimeIndex index = index();
            index.add(100, "a");
            index.add(200, "b");
            assertEquals("a", index.pollDue(150));
            assertEquals(200, index.peekTime());
            index.add(50, "early");
            assertEquals(50, index.peekTime());
            index.remove(50, "early");
            index.remove(200, "b");
            assertEquals(Long.MAX_VALUE, index.peekTime());
            index.add(10, "late-but-due");
            assertEquals("late-but-due", index.pollDue(10));
            assertNull(index.pollDue(Long.MAX_VALUE - 1));
        }

        @Test
        void shouldAgreeWithAnOrderedModelUnderRandomAddsRemovesAndPolls() {
            TimeIndex index = index();
            TreeMap<Long, String> model = new TreeMap<>();
            Random random = new Random(7);
            long now = 0;
            for (int step = 0; step < 3_000; step++) {
                int op = random.nextInt(10);
                if (op < 4) {
                    // Around now, so adds land both below and above what the last read found.
                    long at = now - 50 + random.nextInt(200);
                    if (!model.containsKey(at)) {
                        index.add(at, "i" + step);
                        model.put(at, "i" + step);
                    }
                } else if (op < 6 && !model.isEmpty()) {
                    var later = model.ceilingEntry(model.firstKey() + random.nextInt(100));
                    var gone = random.nextBoolean() || later == null ? model.firstEntry() : later;
                    index.remove(gone.getKey(), gone.getValue());
                    model.remove(gone.getKey());
                } else if (op < 9) {
                    now += random.nextInt(20);
                    var due = model.isEmpty() || model.firstKey() > now ? null : model.pollFirstEntry().getValue();
                    assertEquals(due, index.pollDue(now), "poll at step " + step);
                }
                assertEquals(model.isEmpty() ? Long.MAX_VALUE : model.firstKey(), index.peekTime(), "step " + step);
            }
            assertEquals(model.size(), index.size());
        }

        /** More entries than a host keeps of an index's head in memory, added latest first. */
        @Test
        void shouldPollThousandsOfEntriesAddedInReverseInTimeOrder() {
            TimeIndex index = index();
            for (int i = 3_000; i > 0; i--) {
                index.add(i, "i" + i);
                if (i % 500 == 0) {
                    assertEquals(i, index.peekTime());
                }
            }
            index.remove(2, "i2");
            for (int i = 1; i <= 3_000; i++) {
                if (i != 2) {
                    assertEquals("i" + i, index.pollDue(i), "poll " + i);
                }
            }
            assertNull(index.pollDue(Long.MAX_VALUE - 1));
        }
    }

    /** A seq below every one in {@code group} (and unused anywhere), as a requeued retry would carry. */
    static long uniqueBelow(TreeMap<Long, String> group, Map<String, Long> used, Random random) {
        long low = group.isEmpty() ? 1_000 : group.firstKey();
        long seq = low - 1 - random.nextInt(5);
        while (used.containsValue(seq)) {
            seq--;
        }
        return seq;
    }

    abstract static class SeenIdsContract {
        abstract SeenIds seen();

        @Test
        void shouldRefuseAnIdUntilItExpires() {
            SeenIds seen = seen();
            assertTrue(seen.markSeen("a", 0, 1000));
            assertFalse(seen.markSeen("a", 999, 1999));
            seen.expire(999);
            assertEquals(1, seen.size());
            seen.expire(1000);
            assertEquals(0, seen.size());
            assertTrue(seen.markSeen("a", 1000, 2000));
        }
    }

    abstract static class LeasesContract {
        abstract Leases leases();

        @Test
        void shouldKeepTheWholeIntentOfALeaseUntilItIsRemoved() {
            Leases leases = leases();
            Intent i = new Intent("x", "acct", "t", "ip-1", Priority.HIGH, 2, "job", 5L, 9_000L, 3,
                    List.of("b", "c"), "replies", null, java.util.Map.of("k", "v"), 1L);
            leases.put(new Lease(i, "ip-1", 1, 1_000, 31_000, 500));
            leases.put(new Lease(Intent.of("y", "acct"), null, 0, 1_000, 31_000, 900));
            assertEquals(2, leases.size());
            Lease back = leases.get("x");
            assertEquals(i, back.intent());
            assertEquals(new Lease(i, "ip-1", 1, 1_000, 31_000, 500), back);
            assertEquals(back, leases.remove("x"));
            assertNull(leases.remove("x"), "a second remove finds nothing");
            assertNull(leases.get("x"));
            assertEquals(1, leases.size());
        }

        @Test
        void shouldReplaceALeaseOfTheSameIdWithoutCountingItTwice() {
            Leases leases = leases();
            leases.put(new Lease(Intent.of("x", "acct"), null, 0, 1_000, 2_000, 0));
            leases.put(new Lease(Intent.of("x", "acct"), null, 1, 5_000, 6_000, 0));
            assertEquals(1, leases.size());
            assertEquals(1, leases.get("x").attempt());
        }
    }

    @Nested
    class InMemoryLeasesTest extends LeasesContract {
        @Override
        Leases leases() {
            return new InMemoryLeases();
        }
    }

    @Nested
    class StoreLeasesTest extends LeasesContract {
        @Override
        Leases leases() {
            var store = newStore();
            var keys = new AccountKeys("acct");
            return new StoreLeases(new IntentIdRecords(store, keys));
        }
    }

    @Nested
    class InMemoryWaitingRoomTest extends WaitingRoomContract {
        @Override
        WaitingRoom room() {
            return new InMemoryWaitingRoom();
        }
    }

    @Nested
    class StoreWaitingRoomTest extends WaitingRoomContract {
        @Override
        WaitingRoom room() {
            var store = newStore();
            var keys = new AccountKeys("acct");
            return new StoreWaitingRoom(store, keys, new StoreCounters(store, keys));
        }
    }

    @Nested
    class InMemoryTimeIndexTest extends TimeIndexContract {
        @Override
        TimeIndex index() {
            return new InMemoryTimeIndex();
        }
    }

    @Nested
    class StoreTimeIndexTest extends TimeIndexContract {
        @Override
        TimeIndex index() {
            var store = newStore();
            var keys = new AccountKeys("acct");
            return new StoreTimeIndex(store, keys, 'D');
        }
    }

    @Nested
    class RocksDbWaitingRoomTest extends WaitingRoomContract {
        @RegisterExtension
        final RocksDbStores rocks = new RocksDbStores();

        @Override
        WaitingRoom room() {
            var store = rocks.open();
            var keys = new AccountKeys("acct");
            return new StoreWaitingRoom(store, keys, new StoreCounters(store, keys));
        }
    }

    @Nested
    class RocksDbTimeIndexTest extends TimeIndexContract {
        @RegisterExtension
        final RocksDbStores rocks = new RocksDbStores();

        @Override
        TimeIndex index() {
            return new StoreTimeIndex(rocks.open(), new AccountKeys("acct"), 'D');
        }
    }

    /** Chunks of 4, so that inserts below the last entry split chunks often. */
    @Nested
    class ChunkedTimeIndexTest extends TimeIndexContract {
        @Override
        TimeIndex index() {
            return new ChunkedTimeIndex(newStore(), new AccountKeys("acct"), 'S', 4);
        }
    }

    /** The seen ids' chunk size, on RocksDB behind the write-behind view. */
    @Nested
    class WriteBehindChunkedTimeIndexTest extends TimeIndexContract {
        @RegisterExtension
        final RocksDbStores rocks = new RocksDbStores();

        @Override
        TimeIndex index() {
            return new ChunkedTimeIndex(new WriteBehindStore(rocks.open(), AccountKeys.POINT_KEYS),
                    new AccountKeys("acct"), 'S', ChunkedTimeIndex.ENTRIES_PER_CHUNK);
        }
    }

    /** RocksDB behind the processor's write-behind view, with nothing written out: reads merge both. */
    @Nested
    class WriteBehindTimeIndexTest extends TimeIndexContract {
        @RegisterExtension
        final RocksDbStores rocks = new RocksDbStores();

        @Override
        TimeIndex index() {
            return new StoreTimeIndex(new WriteBehindStore(rocks.open()), new AccountKeys("acct"), 'D');
        }
    }

    @Nested
    class WriteBehindWaitingRoomTest extends WaitingRoomContract {
        @RegisterExtension
        final RocksDbStores rocks = new RocksDbStores();

        @Override
        WaitingRoom room() {
            var view = new WriteBehindStore(rocks.open());
            var keys = new AccountKeys("acct");
            return new StoreWaitingRoom(view, keys, new StoreCounters(view, keys));
        }
    }

    @Nested
    class InMemorySeenIdsTest extends SeenIdsContract {
        @Override
        SeenIds seen() {
            return new InMemorySeenIds();
        }
    }

    @Nested
    class StoreSeenIdsTest extends SeenIdsContract {
        @Override
        SeenIds seen() {
            var store = newStore();
            var keys = new AccountKeys("acct");
            return new StoreSeenIds(store, keys, new IntentIdRecords(store, keys));
        }
    }

    /** The dedup and the leases of one account, which the state store keeps in one record per id. */
    record IdsOfAccount(SeenIds seen, Leases leases, WaitingRoom room) {
    }

    abstract static class IdsOfAccountContract {
        abstract IdsOfAccount ids();

        @Test
        void shouldKeepALeaseWhoseIdIsForgottenFirstAndForgetTheIdAgainAfterIt() {
            IdsOfAccount ids = ids();
            Lease lease = new Lease(Intent.of("a", "acct"), null, 0, 10, 5_000, 0);
            assertTrue(ids.seen().markSeen("a", 0, 1_000));
            ids.leases().put(lease);
            ids.seen().expire(1_000);
            assertEquals(0, ids.seen().size());
            assertEquals(lease, ids.leases().get("a"), "the lease outlives the dedup retention");
            assertTrue(ids.seen().markSeen("a", 1_000, 3_000), "the id itself is forgotten");
            assertEquals(lease, ids.leases().remove("a"));
            assertNull(ids.leases().get("a"));
            assertFalse(ids.seen().markSeen("a", 2_999, 4_000), "remembered again until 3000");
            ids.seen().expire(3_000);
            assertTrue(ids.seen().markSeen("a", 3_000, 4_000));
            assertEquals(0, ids.leases().size());
        }

        @Test
        void shouldStillRefuseAnIdWhoseLeaseClosed() {
            IdsOfAccount ids = ids();
            assertTrue(ids.seen().markSeen("a", 0, 1_000));
            ids.leases().put(new Lease(Intent.of("a", "acct"), null, 0, 10, 500, 0));
            ids.leases().put(new Lease(Intent.of("a", "acct"), "ip-1", 1, 20, 600, 0));
            assertEquals(1, ids.leases().size());
            assertEquals(1, ids.leases().remove("a").attempt());
            assertNull(ids.leases().remove("a"), "a second remove finds nothing");
            assertFalse(ids.seen().markSeen("a", 999, 1_999));
            assertEquals(1, ids.seen().size());
            ids.seen().expire(1_000);
            assertTrue(ids.seen().markSeen("a", 1_000, 2_000));
        }

        @Test
        void shouldKeepAWaitingIntentThroughItsIdsExpiryAndItsLeaseThroughItsRelease() {
            IdsOfAccount ids = ids();
            WaitingIntent w = waiting("a", Priority.NORMAL, "t1", 1);
            Lease lease = new Lease(w.intent(), null, 0, 10, 5_000, 0);
            assertTrue(ids.seen().markSeen("a", 0, 1_000));
            ids.room().append(w, 0);
            ids.seen().expire(1_000);
            assertEquals(w, ids.room().get("a"), "still waiting after its id is forgotten");
            assertTrue(ids.seen().markSeen("a", 1_000, 3_000));
            assertEquals(w, ids.room().head(w.group()));
            ids.leases().put(lease); // released: leased, then out of the room, as a permit does it
            assertEquals(w, ids.room().remove("a"));
            assertNull(ids.room().get("a"));
            assertNull(ids.room().remove("a"), "a second remove finds nothing");
            assertEquals(lease, ids.leases().get("a"));
            assertFalse(ids.seen().markSeen("a", 2_000, 4_000), "still remembered until 3000");
            assertEquals(0, ids.room().size());
            ids.seen().expire(3_000);
            assertEquals(lease, ids.leases().remove("a"));
            assertTrue(ids.seen().markSeen("a", 3_000, 4_000));
        }

        @Test
        void shouldKeepALeaseWhoseIdWasNeverMarked() {
            IdsOfAccount ids = ids();
            Lease lease = new Lease(Intent.of("b", "acct"), null, 0, 10, 500, 0);
            ids.leases().put(lease);
            assertTrue(ids.seen().markSeen("b", 0, 100), "a lease is not a dedup entry");
            ids.seen().expire(100);
            assertEquals(lease, ids.leases().get("b"));
        }
    }

    @Nested
    class InMemoryIdsOfAccountTest extends IdsOfAccountContract {
        @Override
        IdsOfAccount ids() {
            return new IdsOfAccount(new InMemorySeenIds(), new InMemoryLeases(), new InMemoryWaitingRoom());
        }
    }

    @Nested
    class StoreIdsOfAccountTest extends IdsOfAccountContract {
        @Override
        IdsOfAccount ids() {
            return storeIds(newStore());
        }
    }

    /** RocksDB behind the processor's write-behind view, with nothing written out: reads merge both. */
    @Nested
    class WriteBehindIdsOfAccountTest extends IdsOfAccountContract {
        @RegisterExtension
        final RocksDbStores rocks = new RocksDbStores();

        @Override
        IdsOfAccount ids() {
            return storeIds(new WriteBehindStore(rocks.open(), AccountKeys.POINT_KEYS));
        }
    }

    static IdsOfAccount storeIds(KeyValueStore<Bytes, byte[]> store) {
        var keys = new AccountKeys("acct");
        var records = new IntentIdRecords(store, keys);
        return new IdsOfAccount(new StoreSeenIds(store, keys, records), new StoreLeases(records),
                new StoreWaitingRoom(store, keys, new StoreCounters(store, keys), records));
    }

    /** Keys of the store under one tag of account acct. */
    static int keysTagged(KeyValueStore<Bytes, byte[]> store, byte tag) {
        int n = 0;
        try (var it = store.prefixScan(new AccountKeys("acct").key(tag), Serdes.Bytes().serializer())) {
            for (; it.hasNext(); it.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void shouldWriteAPermitsIdAndLeaseAsOneRecordAndDeleteItWhenBothAreGone() {
        var inner = newStore();
        var view = new WriteBehindStore(inner, AccountKeys.POINT_KEYS);
        IdsOfAccount ids = storeIds(view);
        assertTrue(ids.seen().markSeen("a", 0, 1_000));
        int marked = view.pendingWrites();
        ids.leases().put(new Lease(Intent.of("a", "acct"), null, 0, 10, 500, 0));
        assertEquals(marked, view.pendingWrites(), "the lease goes into the id's write");
        view.writePending();
        assertEquals(1, keysTagged(inner, AccountKeys.SEEN));
        ids.leases().remove("a");
        ids.seen().expire(1_000);
        view.writeHeld();
        view.writePending();
        assertEquals(0, keysTagged(inner, AccountKeys.SEEN));
    }

    @Test
    void shouldAdoptTheLeasesOfAStoreWrittenBeforeTheyMovedIntoTheIdsRecord() {
        var store = newStore();
        var keys = new AccountKeys("acct");
        Lease binary = new Lease(Intent.of("x", "acct"), "ip-1", 1, 10, 31_000, 5);
        Lease json = new Lease(Intent.of("y", "acct"), null, 0, 20, 32_000, 6);
        store.put(keys.key(AccountKeys.LEASE, AccountKeys.raw("x")), StoreCodec.lease(binary));
        store.put(keys.key(AccountKeys.LEASE, AccountKeys.raw("y")), GovernorJson.toBytes(json));
        store.put(keys.key(AccountKeys.SEEN, AccountKeys.raw("x")), AccountKeys.longValue(50_000));

        var records = new IntentIdRecords(store, keys);
        records.adoptLegacyKeys();
        var seen = new StoreSeenIds(store, keys, records);
        var leases = new StoreLeases(records);
        assertEquals(binary, leases.get("x"));
        assertEquals(json, leases.get("y"));
        assertEquals(0, keysTagged(store, AccountKeys.LEASE));
        assertFalse(seen.markSeen("x", 40_000, 90_000), "x is still remembered until 50000");
        assertTrue(seen.markSeen("y", 40_000, 90_000), "y had no dedup record: its lease alone is not one");
        assertEquals(json, leases.get("y"), "and marking it kept the lease");
    }

    @Test
    void shouldAdoptTheWaitingIdsOfAStoreWrittenBeforeTheyMovedIntoTheIdsRecord() {
        var store = newStore();
        var keys = new AccountKeys("acct");
        var records = new IntentIdRecords(store, keys);
        var room = new StoreWaitingRoom(store, keys, new StoreCounters(store, keys), records);
        WaitingIntent w = waiting("z", Priority.HIGH, "t1", 7);
        room.append(w, 0);
        // As an earlier build kept it: I|z -> group|seq, and no S|z record.
        Bytes id = records.key("z");
        store.put(keys.key(AccountKeys.WAITING_ID, AccountKeys.raw("z")), IntentIdRecords.location(store.get(id)));
        store.put(id, null);
        assertNull(room.get("z"));

        records.adoptLegacyKeys();
        var fresh = new StoreWaitingRoom(store, keys, new StoreCounters(store, keys), records);
        assertEquals(w, fresh.get("z"));
        assertEquals(0, keysTagged(store, AccountKeys.WAITING_ID));
        assertEquals(w, fresh.remove("z"));
        assertEquals(0, keysTagged(store, AccountKeys.SEEN), "nothing else was remembered of z");
    }

    @Test
    void shouldKeepAccountsApartInOneStore() {
        var store = newStore();
        var a = new AccountKeys("a");
        var ab = new AccountKeys("ab");
        var roomA = new StoreWaitingRoom(store, a, new StoreCounters(store, a));
        var roomAb = new StoreWaitingRoom(store, ab, new StoreCounters(store, ab));
        roomA.append(waiting("x", Priority.NORMAL, null, 1), 0);
        roomAb.append(waiting("y", Priority.NORMAL, null, 1), 0);
        assertEquals(1, roomA.groups(Priority.NORMAL).size());
        assertEquals("x", roomA.head(new GroupKey(Priority.NORMAL, null, null)).id());
        assertEquals("y", roomAb.head(new GroupKey(Priority.NORMAL, null, null)).id());
        assertEquals(1, roomA.size());
    }

    @Test
    void shouldSeeTheGroupsAnEarlierViewWroteAndKeepThemAsItWrites() {
        var store = newStore();
        var keys = new AccountKeys("acct");
        var first = new StoreWaitingRoom(store, keys, new StoreCounters(store, keys));
        first.append(waiting("x", Priority.NORMAL, "t1", 1), 0);
        first.append(waiting("y", Priority.NORMAL, "t2", 2), 0);
        assertEquals(2, first.groups(Priority.NORMAL).size());
        // A view rebuilt over the same store (eviction, restart, policy change) reads what the first one wrote.
        var second = new StoreWaitingRoom(store, keys, new StoreCounters(store, keys));
        assertEquals(List.of(new GroupKey(Priority.NORMAL, "t1", null), new GroupKey(Priority.NORMAL, "t2", null)),
                second.groups(Priority.NORMAL));
        second.remove("x");
        second.append(waiting("z", Priority.NORMAL, "t0", 3), 0);
        assertEquals(List.of(new GroupKey(Priority.NORMAL, "t0", null), new GroupKey(Priority.NORMAL, "t2", null)),
                second.groups(Priority.NORMAL), "kept in key order as the view writes");
        assertEquals(second.groups(Priority.NORMAL),
                new StoreWaitingRoom(store, keys, new StoreCounters(store, keys)).groups(Priority.NORMAL));
    }
}
