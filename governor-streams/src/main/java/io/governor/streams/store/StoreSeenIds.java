package io.governor.streams.store;

import io.governor.core.dedup.SeenIds;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link SeenIds} over the state store: {@code S|id} → expiresAt, forgotten through a time index so expiry
 * reads only what is due. The index is chunked ({@link ChunkedTimeIndex}): it gets an entry for every intent.
 */
final class StoreSeenIds implements SeenIds {
    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;
    private final ChunkedTimeIndex expiries;

    StoreSeenIds(KeyValueStore<Bytes, byte[]> store, AccountKeys keys) {
        this.store = store;
        this.keys = keys;
        this.expiries = new ChunkedTimeIndex(store, keys, 'S', ChunkedTimeIndex.ENTRIES_PER_CHUNK);
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
        }
        store.put(k, AccountKeys.longValue(expiresAt));
        expiries.add(expiresAt, intentId);
        return true;
    }

    @Override
    public void expire(long now) {
        for (String id = expiries.pollDue(now); id != null; id = expiries.pollDue(now)) {
            store.put(keys.key(AccountKeys.SEEN, AccountKeys.raw(id)), null);
        }
    }

    /** Counted through the expiry index (one entry per id), which no decision asks for: see StoreTimeIndex. */
    @Override
    public int size() {
        return expiries.size();
    }
}
