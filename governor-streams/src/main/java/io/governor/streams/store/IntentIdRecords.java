package io.governor.streams.store;

import io.governor.core.feedback.Lease;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What an account remembers of one intent id, under one key {@code S|intentId}: its dedup expiry
 * ({@link StoreSeenIds}), where it waits in the waiting room ({@link StoreWaitingRoom}) and the lease of its permit
 * in flight ({@link StoreLeases}), each while there is one. An intent is remembered and queued, or remembered and
 * leased, or released from the queue and leased, in one step, so one key makes each such pair one changelog record
 * and one store write instead of two, and a new id one store read (the dedup look also answers whether it waits or
 * has a lease open) instead of three.
 *
 * <p>Value: the expiry (8 bytes; {@link #FORGOTTEN} once the dedup retention has passed while the id still waits
 * or has a lease open); then, while it waits, {@link #WAITING} with the waiting key's suffix ({@code group|seq},
 * length-prefixed); then, while one is open, the lease ({@link StoreCodec#lease}, whose first byte is its version
 * or, from stores before that codec, {@code '{'}, never {@link #WAITING}). A key with none of them is deleted.
 * Stores written before kept leases under {@code L|intentId} and waiting ids under {@code I|intentId}:
 * {@link #adoptLegacyKeys} moves them here.
 */
final class IntentIdRecords {
    /** Expiry of an id no longer remembered for dedup that still waits or has a lease open. */
    static final long FORGOTTEN = Long.MIN_VALUE;
    /** Marks the waiting part; a lease encoding never starts with it. */
    static final byte WAITING = (byte) 0xFE;
    private static final int EXPIRY_BYTES = Long.BYTES;
    private static final int WAITING_HEADER = 1 + Short.BYTES;

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

    /** The waiting key's suffix ({@code group|seq}) of a value, or null when the id does not wait. */
    static byte[] location(byte[] value) {
        if (!waits(value)) {
            return null;
        }
        return Arrays.copyOfRange(value, EXPIRY_BYTES + WAITING_HEADER, leaseStart(value));
    }

    static boolean hasLease(byte[] value) {
        return value != null && leaseStart(value) < value.length;
    }

    static Lease lease(byte[] value) {
        return hasLease(value) ? StoreCodec.lease(value, leaseStart(value)) : null;
    }

    private static boolean waits(byte[] value) {
        return value != null && value.length > EXPIRY_BYTES && value[EXPIRY_BYTES] == WAITING;
    }

    private static int leaseStart(byte[] value) {
        if (!waits(value)) {
            return Math.min(EXPIRY_BYTES, value.length);
        }
        int length = Short.toUnsignedInt(ByteBuffer.wrap(value, EXPIRY_BYTES + 1, Short.BYTES).getShort());
        return EXPIRY_BYTES + WAITING_HEADER + length;
    }

    /** Writes {@code old} with another expiry. */
    void withExpiry(Bytes key, byte[] old, long expiry) {
        write(key, expiry, location(old), old, old == null ? 0 : leaseStart(old));
    }

    /** Writes {@code old} with another waiting place (null: it waits no more). */
    void withLocation(Bytes key, byte[] old, byte[] location) {
        write(key, expiry(old), location, old, old == null ? 0 : leaseStart(old));
    }

    /** Writes {@code old} with another lease ({@link StoreCodec#lease}; null: none open). */
    void withLease(Bytes key, byte[] old, byte[] encodedLease) {
        write(key, expiry(old), location(old), encodedLease, 0);
    }

    /** Writes the parts; the lease is what {@code leaseFrom} holds from {@code leaseAt} on (none when null). */
    private void write(Bytes key, long expiry, byte[] location, byte[] leaseFrom, int leaseAt) {
        int leaseBytes = leaseFrom == null ? 0 : leaseFrom.length - leaseAt;
        if (expiry == FORGOTTEN && location == null && leaseBytes == 0) {
            store.put(key, null); // the value was just read: nothing else needs it
            return;
        }
        int waitingBytes = location == null ? 0 : WAITING_HEADER + location.length;
        ByteBuffer v = ByteBuffer.allocate(EXPIRY_BYTES + waitingBytes + leaseBytes).putLong(expiry);
        if (location != null) {
            v.put(WAITING).putShort((short) location.length).put(location);
        }
        if (leaseBytes > 0) {
            v.put(leaseFrom, leaseAt, leaseBytes);
        }
        store.put(key, v.array());
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
     * Moves what a store written before this layout kept under {@code L|intentId} (leases) and {@code I|intentId}
     * (waiting places) into their id's record, so their slots still free and their intents are still found by
     * id. One scan of each (after the first load, empty) key range per account load.
     */
    void adoptLegacyKeys() {
        for (KeyValue<Bytes, byte[]> l : legacy(AccountKeys.LEASE)) {
            Bytes k = key(id(l.key));
            withLease(k, get(k), l.value);
            store.put(l.key, null);
        }
        for (KeyValue<Bytes, byte[]> w : legacy(AccountKeys.WAITING_ID)) {
            Bytes k = key(id(w.key));
            withLocation(k, get(k), w.value);
            store.put(w.key, null);
        }
    }

    private List<KeyValue<Bytes, byte[]>> legacy(byte tag) {
        List<KeyValue<Bytes, byte[]>> found = new ArrayList<>();
        try (var it = store.prefixScan(keys.key(tag), Serdes.Bytes().serializer())) {
            it.forEachRemaining(found::add);
        }
        return found;
    }

    private String id(Bytes legacyKey) {
        return new String(keys.suffix(legacyKey), StandardCharsets.UTF_8);
    }
}
