package io.governor.streams.store;

import io.governor.core.queue.GroupKey;
import io.governor.core.queue.WaitingIntent;
import io.governor.core.queue.WaitingRoom;
import io.governor.schemas.event.Priority;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link WaitingRoom} over the state store, in the layout the interface recommends:
 * {@code W|group|seq} → intent, {@code G|group} → fair clock, and {@code group|seq} in the id's record
 * ({@link IntentIdRecords}), which the dedup and the lease of the id share.
 * A group is {@code priority|tenant|lane}; its intents are one contiguous, seq-ordered key range, released from
 * its front, so each group's head is kept in a {@link RangeHead} (read from a floor past the tombstones of released
 * intents only when it is not known).
 * The groups of a priority are read from the store once per view and then kept as the view writes them: a
 * release asks for them at every priority, and RocksDB's seek for an empty range walks on over the tombstones of
 * the ranges after it (the ids of every intent released since the last compaction).
 */
final class StoreWaitingRoom implements WaitingRoom {
    private static final byte[] MIN_SEQ = new byte[8];
    private static final byte[] MAX_SEQ = filled((byte) 0xFF);
    private static final String SIZE = "waiting";

    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final StoreCounters counters;
    private final IntentIdRecords ids;
    /** Heads of the groups read since this view was built; dropped when a group empties. */
    private final Map<Bytes, RangeHead> fronts = new HashMap<>();
    /** Groups by priority in key order, once read; the store must be written only through this view. */
    private final Map<Priority, TreeMap<Bytes, GroupKey>> groups = new EnumMap<>(Priority.class);
    /** Fair clocks of the groups read or written through this view; absent: not known (read the store). */
    private final Map<Bytes, Long> clocks = new HashMap<>();

    StoreWaitingRoom(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, StoreCounters counters) {
        this(store, keys, counters, new IntentIdRecords(store, keys));
    }

    StoreWaitingRoom(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, StoreCounters counters,
                     IntentIdRecords ids) {
        this.store = store;
        this.keys = keys;
        this.counters = counters;
        this.ids = ids;
    }

    @Override
    public void append(WaitingIntent intent, long clockIfNew) {
        byte[] group = group(intent.group());
        Bytes groupKey = keys.key(AccountKeys.GROUP, group);
        if (storedClock(group) == null) {
            store.put(groupKey, AccountKeys.longValue(clockIfNew));
            clocks.put(Bytes.wrap(group), clockIfNew);
            var known = groups.get(intent.group().priority());
            if (known != null) {
                known.put(Bytes.wrap(group), intent.group());
            }
        }
        byte[] seq = AccountKeys.orderedLong(intent.seq());
        Bytes key = keys.key(AccountKeys.WAITING, group, seq);
        byte[] value = StoreCodec.waiting(intent);
        store.put(key, value);
        RangeHead front = fronts.get(Bytes.wrap(group));
        if (front != null) {
            front.added(key, value);
        }
        Bytes idKey = ids.key(intent.id());
        ids.withLocation(idKey, ids.get(idKey), concat(group, seq));
        counters.add(SIZE, 1);
    }

    @Override
    public WaitingIntent head(GroupKey group) {
        var first = front(group(group)).first(store);
        return first == null ? null : StoreCodec.waiting(first.getValue());
    }

    @Override
    public List<GroupKey> groups(Priority priority) {
        return new ArrayList<>(groups.computeIfAbsent(priority, this::readGroups).values());
    }

    private TreeMap<Bytes, GroupKey> readGroups(Priority priority) {
        TreeMap<Bytes, GroupKey> out = new TreeMap<>();
        try (var it = store.prefixScan(keys.key(AccountKeys.GROUP, AccountKeys.one((byte) priority.ordinal())),
                Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                byte[] group = keys.suffix(it.next().key);
                out.put(Bytes.wrap(group), parseGroup(group));
            }
        }
        return out;
    }

    @Override
    public long clock(GroupKey group) {
        Long clock = storedClock(group(group));
        return clock == null ? 0 : clock;
    }

    @Override
    public void setClock(GroupKey group, long clock) {
        byte[] g = group(group);
        if (storedClock(g) != null) {
            store.put(keys.key(AccountKeys.GROUP, g), AccountKeys.longValue(clock));
            clocks.put(Bytes.wrap(g), clock);
        }
    }

    /** The group's clock, or null when the group does not exist. */
    private Long storedClock(byte[] group) {
        Bytes g = Bytes.wrap(group);
        Long known = clocks.get(g);
        if (known == null) {
            byte[] v = store.get(keys.key(AccountKeys.GROUP, group));
            if (v != null) {
                known = AccountKeys.readLong(v);
                clocks.put(g, known);
            }
        }
        return known;
    }

    @Override
    public WaitingIntent get(String intentId) {
        byte[] location = IntentIdRecords.location(ids.get(ids.key(intentId)));
        return location == null ? null : StoreCodec.waiting(store.get(keys.key(AccountKeys.WAITING, location)));
    }

    @Override
    public void update(WaitingIntent intent) {
        byte[] group = group(intent.group());
        Bytes k = keys.key(AccountKeys.WAITING, group, AccountKeys.orderedLong(intent.seq()));
        if (store.get(k) != null) {
            byte[] value = StoreCodec.waiting(intent);
            store.put(k, value);
            front(group).added(k, value);
        }
    }

    @Override
    public WaitingIntent remove(String intentId) {
        Bytes idKey = ids.key(intentId);
        byte[] record = ids.get(idKey);
        byte[] location = IntentIdRecords.location(record);
        if (location == null) {
            return null;
        }
        ids.withLocation(idKey, record, null);
        Bytes waitingKey = keys.key(AccountKeys.WAITING, location);
        byte[] group = Arrays.copyOf(location, location.length - 8);
        RangeHead front = front(group);
        byte[] value = front.valueOf(waitingKey); // usually the head: released from the front
        if (value == null) {
            value = store.delete(waitingKey);
        } else {
            store.put(waitingKey, null);
        }
        WaitingIntent removed = StoreCodec.waiting(value);
        counters.add(SIZE, -1);
        front.removed(waitingKey);
        if (front.first(store) == null) {
            store.put(keys.key(AccountKeys.GROUP, group), null);
            fronts.remove(Bytes.wrap(group));
            clocks.remove(Bytes.wrap(group));
            var known = groups.get(Priority.values()[group[0]]);
            if (known != null) {
                known.remove(Bytes.wrap(group));
            }
        }
        return removed;
    }

    @Override
    public WaitingIntent newest(Priority priority) {
        WaitingIntent best = null;
        for (GroupKey group : groups(priority)) {
            byte[] g = group(group);
            try (var it = store.reverseRange(keys.key(AccountKeys.WAITING, g, MIN_SEQ),
                    keys.key(AccountKeys.WAITING, g, MAX_SEQ))) {
                if (it.hasNext()) {
                    WaitingIntent last = StoreCodec.waiting(it.next().value);
                    if (best == null || last.seq() > best.seq()) {
                        best = last;
                    }
                }
            }
        }
        return best;
    }

    @Override
    public int size() {
        return (int) counters.get(SIZE);
    }

    private RangeHead front(byte[] group) {
        return fronts.computeIfAbsent(Bytes.wrap(group), g -> new RangeHead(keys.key(AccountKeys.WAITING, group)));
    }

    private static byte[] group(GroupKey g) {
        return concat(AccountKeys.one((byte) g.priority().ordinal()), AccountKeys.text(g.tenant()),
                AccountKeys.text(g.lane()));
    }

    private static GroupKey parseGroup(byte[] suffix) {
        ByteBuffer b = ByteBuffer.wrap(suffix);
        Priority p = Priority.values()[b.get()];
        String tenant = readText(b);
        String lane = readText(b);
        return new GroupKey(p, tenant, lane);
    }

    private static String readText(ByteBuffer b) {
        byte[] t = new byte[b.getShort()];
        b.get(t);
        return new String(t, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    private static byte[] filled(byte v) {
        byte[] b = new byte[8];
        Arrays.fill(b, v);
        return b;
    }
}
