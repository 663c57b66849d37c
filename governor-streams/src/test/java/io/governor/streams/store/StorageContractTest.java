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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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
            return new StoreLeases(store, keys, new StoreCounters(store, keys));
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
            return new StoreTimeIndex(store, keys, 'D', new StoreCounters(store, keys));
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
            return new StoreSeenIds(store, keys, new StoreCounters(store, keys));
        }
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
}
