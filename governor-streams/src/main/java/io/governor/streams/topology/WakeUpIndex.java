package io.governor.streams.topology;

import io.governor.streams.store.FrontScan;
import io.governor.streams.store.PointKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * When each account of a task next needs {@code release}: {@code 0|at|account} orders accounts by time so a
 * punctuation reads only the due ones, {@code 1|account} → at finds an account's entry to move it. A task with a
 * million waiting intents in one account still costs one key here. Due entries are consumed from the front, so
 * {@code due} reads from a {@link FrontScan} floor, past the tombstones of the wake-ups already moved.
 */
final class WakeUpIndex {
    static final String STORE = "governor-wakeups";
    private static final byte BY_TIME = 0;
    private static final byte BY_ACCOUNT = 1;
    private static final byte[] EMPTY = new byte[0];
    /** An account's entry is only read by its key. */
    static final PointKeys POINT_KEYS = PointKeys.firstByte(BY_ACCOUNT);

    /** Accounts whose time is remembered here instead of read back from the store on every schedule. */
    private static final int REMEMBERED = 100_000;

    private final KeyValueStore<Bytes, byte[]> store;
    private final FrontScan byTime = new FrontScan(Bytes.wrap(new byte[] {BY_TIME}));
    /**
     * An account's scheduled time (Long.MAX_VALUE: none) as last read or written through this index; the store
     * holds the same.
     */
    private final Map<String, Long> scheduled = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    WakeUpIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Schedules {@code account} at {@code at}, replacing its previous time; Long.MAX_VALUE unschedules. */
    void schedule(String account, long at) {
        long old = scheduledAt(account);
        if (old == at) {
            return;
        }
        byte[] a = account.getBytes(StandardCharsets.UTF_8);
        if (old != Long.MAX_VALUE) {
            store.put(timeKey(old, a), null);
        }
        if (at == Long.MAX_VALUE) {
            store.put(accountKey(a), null);
        } else {
            Bytes timeKey = timeKey(at, a);
            store.put(timeKey, EMPTY);
            byTime.added(timeKey);
            store.put(accountKey(a), ByteBuffer.allocate(8).putLong(at).array());
        }
        scheduled.put(account, at);
    }

    /** When {@code account} is scheduled, Long.MAX_VALUE when it is not. */
    private long scheduledAt(String account) {
        Long known = scheduled.get(account);
        if (known != null) {
            return known;
        }
        byte[] stored = store.get(accountKey(account.getBytes(StandardCharsets.UTF_8)));
        long at = stored == null ? Long.MAX_VALUE : ByteBuffer.wrap(stored).getLong();
        scheduled.put(account, at); // "not scheduled" too: an idle account is asked again on every decision
        return at;
    }

    /**
     * Moves {@code account}'s wake-up to {@code now} if it has one later: something waits, and what it waits for
     * (a policy) changed, so its old time may be far too late.
     */
    void wakeNow(String account, long now) {
        long at = scheduledAt(account);
        if (at != Long.MAX_VALUE && at > now) {
            schedule(account, now);
        }
    }

    /** Accounts scheduled at or before {@code now}, earliest first. */
    List<String> due(long now) {
        List<String> out = new ArrayList<>();
        byTime.scan(store, e -> {
            byte[] k = e.key.get();
            long at = ByteBuffer.wrap(k, 1, 8).getLong() ^ Long.MIN_VALUE;
            if (at > now) {
                return false;
            }
            out.add(new String(k, 9, k.length - 9, StandardCharsets.UTF_8));
            return true;
        });
        return out;
    }

    private static Bytes accountKey(byte[] account) {
        return Bytes.wrap(ByteBuffer.allocate(1 + account.length).put(BY_ACCOUNT).put(account).array());
    }

    private static Bytes timeKey(long at, byte[] account) {
        return Bytes.wrap(ByteBuffer.allocate(9 + account.length).put(BY_TIME).putLong(at ^ Long.MIN_VALUE)
                .put(account).array());
    }
}
