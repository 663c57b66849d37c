package io.governor.streams.store;

/**
 * Which keys of a store are only ever read one at a time, never by a range, told by one tag byte of the key: a
 * {@link WriteBehindStore} keeps their pending writes in a hash map instead of its ordered map. Most of the
 * governor's writes are such keys (a seen id, a lease, an account's state), and an ordered map pays a dozen key
 * comparisons, each a cache miss, for every put and get. A range read that could hold point keys still sees them
 * (sorted on demand), so a wrong tag here costs speed, never correctness.
 */
public final class PointKeys {
    /** No point keys: every pending write is kept in order. */
    public static final PointKeys NONE = new PointKeys(false);

    private final boolean afterAccount;
    private final boolean[] pointTag = new boolean[256];

    private PointKeys(boolean afterAccount, byte... tags) {
        this.afterAccount = afterAccount;
        for (byte t : tags) {
            pointTag[t & 0xFF] = true;
        }
    }

    /** The tag is the byte after a key's length-prefixed account ({@link AccountKeys}). */
    static PointKeys tagAfterAccount(byte... tags) {
        return new PointKeys(true, tags);
    }

    /** The tag is a key's first byte. */
    public static PointKeys firstByte(byte... tags) {
        return new PointKeys(false, tags);
    }

    boolean isPoint(byte[] key) {
        int at = tagOffset(key, key.length);
        return at >= 0 && pointTag[key[at] & 0xFF];
    }

    /** Whether a point key can start with the first {@code length} bytes of {@code prefix}. */
    boolean anyStartWith(byte[] prefix, int length) {
        if (this == NONE) {
            return false;
        }
        int at = tagOffset(prefix, length);
        return at < 0 || pointTag[prefix[at] & 0xFF];
    }

    /** Where the tag is in a key of which {@code length} bytes are known, or -1 when those do not reach it. */
    private int tagOffset(byte[] key, int length) {
        if (!afterAccount) {
            return length > 0 ? 0 : -1;
        }
        if (length < 2) {
            return -1;
        }
        int at = 2 + (((key[0] & 0xFF) << 8) | (key[1] & 0xFF));
        return at < length ? at : -1;
    }
}
