package io.governor.streams.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Byte keys of one account's entries in the shared {@code governor-state} store. Every key starts with the
 * account (length-prefixed) and a one-byte tag naming the kind of entry, so one ordered store holds every kind
 * and a prefix scan reads one kind of one account in order. Numbers are big-endian with the sign bit flipped,
 * so byte order equals numeric order.
 */
public final class AccountKeys {
    static final byte ACCOUNT_STATE = 'A';
    static final byte COUNTER = 'C';
    static final byte GROUP = 'G';
    /** Waiting places before they moved into their id's {@code S} record ({@link IntentIdRecords}): only adopted. */
    static final byte WAITING_ID = 'I';
    static final byte JOB = 'J';
    /** Leases before they moved into their id's {@code S} record ({@link IntentIdRecords}): only adopted. */
    static final byte LEASE = 'L';
    static final byte TENANT = 'N';
    static final byte PENDING = 'P';
    static final byte SEEN = 'S';
    static final byte TIME_INDEX = 'T';
    static final byte WAITING = 'W';

    /**
     * The kinds read one key at a time: everything but the time indexes ({@code T}), waiting groups ({@code G},
     * {@code W}) and the old ids' kinds ({@code L}, {@code I}), which are read in ranges. These are scanned on every
     * account load ({@link IntentIdRecords#adoptLegacyKeys}) and never read by key, so their pending deletes stay
     * ordered: a scan of a point kind would go through every pending point write of the task.
     */
    public static final PointKeys POINT_KEYS = PointKeys.tagAfterAccount(ACCOUNT_STATE, COUNTER, JOB, TENANT,
            PENDING, SEEN);

    private final byte[] accountPrefix;

    public AccountKeys(String account) {
        byte[] a = account.getBytes(StandardCharsets.UTF_8);
        accountPrefix = ByteBuffer.allocate(2 + a.length).putShort((short) a.length).put(a).array();
    }

    /** The account and tag, followed by the given parts. */
    Bytes key(byte tag, byte[]... parts) {
        int size = accountPrefix.length + 1;
        for (byte[] p : parts) {
            size += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(accountPrefix).put(tag);
        for (byte[] p : parts) {
            b.put(p);
        }
        return Bytes.wrap(b.array());
    }

    /** The bytes after the account and tag of a key made by {@link #key}. */
    byte[] suffix(Bytes key) {
        byte[] k = key.get();
        byte[] out = new byte[k.length - accountPrefix.length - 1];
        System.arraycopy(k, accountPrefix.length + 1, out, 0, out.length);
        return out;
    }

    static byte[] text(String s) {
        byte[] t = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + t.length).putShort((short) t.length).put(t).array();
    }

    static byte[] raw(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] orderedLong(long v) {
        return ByteBuffer.allocate(8).putLong(v ^ Long.MIN_VALUE).array();
    }

    static long readOrderedLong(byte[] b, int offset) {
        return ByteBuffer.wrap(b, offset, 8).getLong() ^ Long.MIN_VALUE;
    }

    static byte[] one(byte b) {
        return new byte[] {b};
    }

    static byte[] longValue(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long readLong(byte[] v) {
        return ByteBuffer.wrap(v).getLong();
    }
}
