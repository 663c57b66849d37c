package io.governor.streams.store;

import io.governor.core.dedup.SeenIds;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link SeenIds} over the state store: the expiry in the id's record ({@link IntentIdRecords}), forgotten through
 * a time index so expiry reads only what is due. The index is chunked ({@link ChunkedTimeIndex}): it gets an
 * entry for every intent.
 */
final class StoreSeenIds implements SeenIds {
    private final IntentIdRecords records;
    private final ChunkedTimeIndex expiries;

    StoreSeenIds(KeyValueStore<Bytes, byte[]> store, AccountKeys keys, IntentIdRecords records) {
        this.records = records;
        this.expiries = new ChunkedTimeIndex(store, keys, 'S', ChunkedTimeIndex.ENTRIES_PER_CHUNK);
    }

    @Override
    public boolean markSeen(String intentId, long now, long expiresAt) {
        Bytes k = records.key(intentId);
        byte[] old = records.get(k);
        long oldExpiry = IntentIdRecords.expiry(old);
        if (oldExpiry > now) {
            return false;
        }
        if (oldExpiry != IntentIdRecords.FORGOTTEN) {
            expiries.remove(oldExpiry, intentId);
        }
        records.withExpiry(k, old, expiresAt);
        expiries.add(expiresAt, intentId);
        return true;
    }

    /** Each forgotten id's record is read: a waiting place or a lease still there stays (rare: ids outlive them). */
    @Override
    public void expire(long now) {
        for (String id = expiries.pollDue(now); id != null; id = expiries.pollDue(now)) {
            Bytes k = records.key(id);
            records.withExpiry(k, records.get(k), IntentIdRecords.FORGOTTEN);
        }
    }

    /** Counted through the expiry index (one entry per id), which no decision asks for: see StoreTimeIndex. */
    @Override
    public int size() {
        return expiries.size();
    }
}
