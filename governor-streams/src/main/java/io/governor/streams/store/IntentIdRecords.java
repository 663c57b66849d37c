package io.governor.streams.store;

import io.governor.core.feedback.Lease;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What an account remembers of one intent id, under one key {@code S|intentId}: its dedup expiry
 * ({@link StoreSeenIds}) and the lease of its permit in flight ({@link StoreLeases}), when one is open. A permit
 * remembers its id and opens its lease in the same step, so one key makes them one changelog record and one
 * store write instead of two, and a new id one store read (the dedup look also answers whether a lease of that
 * id is open) instead of two.
 *
 * <p>Value: the expiry (8 bytes; {@link #FORGOTTEN} once the dedup retention has passed while the lease is still
 * open), then the lease ({@link StoreCodec#lease}) while one is open. A key with neither is deleted. Stores
 * written before kept leases under their own key {@code L|intentId}: {@link #adoptLegacyLeases} moves them here.
 */
final class IntentIdRecords {
    /** Expiry of an id no longer remembered for dedup whose lease is still open. */
    static final long FORGOTTEN = Long.MIN_VALUE;
    private static final int EXPIRY_BYTES = Long.BYTES;

    private final KeyValueStore<Bytes, byte[]> store;
    private final AccountKeys keys;

    IntentIdRecords(KeyValueStore<Bytes, byte[]> store, AccountKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    Bytes key(String intentId) {
        return keys.key(AccountKeys.SEEN, AccountKeys.raw(intentId));
    }

    byte[] get(Bytes key) {
        return store.get(key);
    }

    /** The dedup expiry of a value, {@link #FORGOTTEN} when there is none. */
    static long expiry(byte[] value) {
        return value == null ? FORGOTTEN : AccountKeys.readLong(value);
    }

    static boolean hasLease(byte[] value) {
        return value != null && value.length > EXPIRY_BYTES;
    }

    static Lease lease(byte[] value) {
        return hasLease(value) ? StoreCodec.lease(value, EXPIRY_BYTES) : null;
    }

    /** Writes the expiry with the lease that {@code leaseFrom} holds (none when it holds none or is null). */
    void write(Bytes key, long expiry, byte[] leaseFrom) {
        int leaseBytes = hasLease(leaseFrom) ? leaseFrom.length - EXPIRY_BYTES : 0;
        write(key, expiry, leaseFrom, EXPIRY_BYTES, leaseBytes);
    }

    /** Writes the expiry with an encoded lease ({@link StoreCodec#lease}). */
    void writeLease(Bytes key, long expiry, byte[] encodedLease) {
        write(key, expiry, encodedLease, 0, encodedLease.length);
    }

    private void write(Bytes key, long expiry, byte[] from, int offset, int leaseBytes) {
        if (expiry == FORGOTTEN && leaseBytes == 0) {
            store.put(key, null); // the value was just read: nothing else needs it
            return;
        }
        byte[] v = new byte[EXPIRY_BYTES + leaseBytes];
        ByteBuffer.wrap(v).putLong(0, expiry);
        if (leaseBytes > 0) {
            System.arraycopy(from, offset, v, EXPIRY_BYTES, leaseBytes);
        }
        store.put(key, v);
    }

    /** Number of ids with a lease open: a scan, for tests and tools (no decision asks). */
    int leaseCount() {
        int n = 0;
        try (var it = store.prefixScan(keys.key(AccountKeys.SEEN), Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                if (hasLease(it.next().value)) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Moves leases a store written before this layout kept under {@code L|intentId} into their id's record, so
     * their slots still free at their outcome or end. One scan of an (after the first load, empty) key range.
     */
    void adoptLegacyLeases() {
        List<KeyValue<Bytes, byte[]>> legacy = new ArrayList<>();
        try (var it = store.prefixScan(keys.key(AccountKeys.LEASE), Serdes.Bytes().serializer())) {
            it.forEachRemaining(legacy::add);
        }
        for (KeyValue<Bytes, byte[]> l : legacy) {
            String id = new String(keys.suffix(l.key), StandardCharsets.UTF_8);
            Bytes k = key(id);
            writeLease(k, expiry(store.get(k)), l.value);
            store.put(l.key, null);
        }
    }
}
