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
 * {@code W|group|seq} → intent, {@code G|group} → fair clock, {@code I|id} → {@code group|seq}.
 * A group is {@code priority|tenant|lane}; its intents are one contiguous, seq-ordered key range, released from
 * its front, so each group's head is read from a {@link FrontScan} floor (past the tombstones of released intents).
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
    /** Floors of the groups read since this view was built; dropped when a group empties. */
    private final Map<Bytes, FrontScan> fronts = new HashMap<>();
    /** Groups by priority in key order, once read; the store must be written only through this view. */
    private final Map<Priority, TreeMap<Bytes, GroupKey>> groups = new EnumMap<>(Priority.class);

    StoreWaitingRoom(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, StoreCounters counters) {
        this.store = store;
        this.keys = keys;
        this.counters = counters;
    }

    @Override
    public void append(WaitingIntent intent, long clockIfNew) {
        byte[] group = group(intent.group());
        Bytes groupKey = keys.key(AccountKeys.GROUP, group);
        if (store.get(groupKey) == null) {
            store.put(groupKey, AccountKeys.longValue(clockIfNew));
            var known = groups.get(intent.group().priority());
            if (known != null) {
                known.put(Bytes.wrap(group), intent.group());
            }
        }
        byte[] seq = AccountKeys.orderedLong(intent.seq());
        Bytes key = keys.key(AccountKeys.WAITING, group, seq);
        store.put(key, StoreCodec.waiting(intent));
        FrontScan front = fronts.get(Bytes.wrap(group));
        if (front != null) {
            front.added(key);
        }
        store.put(keys.key(AccountKeys.WAITING_ID, AccountKeys.raw(intent.id())), concat(group, seq));
        counters.add(SIZE, 1);
    }

    @Override
    public WaitingIntent head(GroupKey group) {
        var first = front(group(group)).first(store);
        return first == null ? null : StoreCodec.waiting(first.value);
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
        byte[] v = store.get(keys.key(AccountKeys.GROUP, group(group)));
        return v == null ? 0 : AccountKeys.readLong(v);
    }

    @Override
    public void setClock(GroupKey group, long clock) {
        Bytes k = keys.key(AccountKeys.GROUP, group(group));
        if (store.get(k) != null) {
            store.put(k, AccountKeys.longValue(clock));
        }
    }

    @Override
    public WaitingIntent get(String intentId) {
        byte[] location = store.get(keys.key(AccountKeys.WAITING_ID, AccountKeys.raw(intentId)));
        return location == null ? null : StoreCodec.waiting(store.get(keys.key(AccountKeys.WAITING, location)));
    }

    @Override
    public void update(WaitingIntent intent) {
        Bytes k = keys.key(AccountKeys.WAITING, group(intent.group()), AccountKeys.orderedLong(intent.seq()));
        if (store.get(k) != null) {
            store.put(k, StoreCodec.waiting(intent));
        }
    }

    @Override
    public WaitingIntent remove(String intentId) {
        Bytes idKey = keys.key(AccountKeys.WAITING_ID, AccountKeys.raw(intentId));
        byte[] location = store.delete(idKey);
        if (location == null) {
            return null;
        }
        WaitingIntent removed = StoreCodec.waiting(store.delete(keys.key(AccountKeys.WAITING, location)));
        counters.add(SIZE, -1);
        byte[] group = Arrays.copyOf(location, location.length - 8);
        if (front(group).first(store) == null) {
            store.delete(keys.key(AccountKeys.GROUP, group));
            fronts.remove(Bytes.wrap(group));
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

    private FrontScan front(byte[] group) {
        return fronts.computeIfAbsent(Bytes.wrap(group), g -> new FrontScan(keys.key(AccountKeys.WAITING, group)));
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
