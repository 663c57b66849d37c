package io.governor.streams.store;

import io.governor.core.dedup.SeenIds;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link SeenIds} over the state store: {@code S|id} → expiresAt, forgotten through a time index so expiry
 * reads only what is due.
 */
final class StoreSeenIds implements SeenIds {
    private static final String SIZE = "seen";
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final StoreCounters counters;
    private final StoreTimeIndex expiries;

    StoreSeenIds(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, StoreCounters counters) {
        this.store = store;
        this.keys = keys;
        this.counters = counters;
        this.expiries = new StoreTimeIndex(store, keys, 'S', counters);
    }

    @Override
    public boolean markSeen(String intentId, long now, long expiresAt) {
        Bytes k = keys.key(AccountKeys.SEEN, AccountKeys.raw(intentId));
        byte[] old = store.get(k);
        if (old != null) {
            long oldExpiry = AccountKeys.readLong(old);
            if (oldExpiry > now) {
                return false;
            }
            expiries.remove(oldExpiry, intentId);
        } else {
            counters.add(SIZE, 1);
        }
        store.put(k, AccountKeys.longValue(expiresAt));
        expiries.add(expiresAt, intentId);
        return true;
    }

    @Override
    public void expire(long now) {
        for (String id = expiries.pollDue(now); id != null; id = expiries.pollDue(now)) {
            if (store.delete(keys.key(AccountKeys.SEEN, AccountKeys.raw(id))) != null) {
                counters.add(SIZE, -1);
            }
        }
    }

    @Override
    public int size() {
        return (int) counters.get(SIZE);
    }
}
