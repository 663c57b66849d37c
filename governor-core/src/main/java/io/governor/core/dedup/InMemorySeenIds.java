package io.governor.core.dedup;

/**
 * {@link SeenIds} for a heap: a ring of (id, expiresAt) in insertion order, and an open-addressing index over it.
 * Expiries grow with time when the retention is fixed, so the oldest entry is always the next to go.
 *
 * <p>Laid out for the permit path, where the live ids (rate × retention) far outnumber the cache. Each index slot
 * is one long, (hash tag, ring sequence), so marking a new id costs one index probe and an append, without
 * touching other id strings unless two tags match. Forgetting only moves the ring's head: an index entry whose
 * ring entry is gone is stale, reads as absent, may be overwritten, and is dropped when the index is rebuilt.
 * Nothing is allocated except when the arrays are rebuilt. About 40 bytes per remembered id besides the string.
 */
public final class InMemorySeenIds implements SeenIds {
    private static final int INITIAL_CAPACITY = 64; // powers of two throughout
    private static final long SEQ_BITS = 0xFFFF_FFFFL;

    // Index: 0 = empty, else (tag << 32 | low 32 bits of the ring sequence); tags are odd, so never 0. A live entry
    // points at the newest ring entry of its id. Rebuilt when live and stale entries fill three quarters of it, or
    // after as many new ids as it has slots (stale slots are reused), so a stale entry never lives long enough
    // (2^32 insertions) for its sequence to come round again.
    private long[] index = new long[INITIAL_CAPACITY];
    private int occupied;
    private int insertsSinceRebuild;
    private int size;
    // Ring of insertions: sequence s lives at s & (capacity - 1); live sequences are [head, head + count).
    private String[] ids = new String[INITIAL_CAPACITY];
    private long[] expiries = new long[INITIAL_CAPACITY];
    /** Set when the id was remembered afresh by a later entry: forgetting this one leaves the id remembered. */
    private boolean[] superseded = new boolean[INITIAL_CAPACITY];
    private long head;
    private int count;

    @Override
    public boolean markSeen(String intentId, long now, long expiresAt) {
        int tag = tagOf(intentId);
        long seq = head + count;
        int mask = index.length - 1;
        int free = -1;
        int i = home(tag, mask);
        long e;
        while ((e = index[i]) != 0) {
            if (!live(e)) {
                free = free < 0 ? i : free;
            } else if ((int) (e >>> 32) == tag && ids[ring(e)].equals(intentId)) {
                int r = ring(e);
                if (expiries[r] > now) {
                    return false;
                }
                superseded[r] = true; // remembered but expired and not yet forgotten: remember afresh
                index[i] = entry(tag, seq);
                append(intentId, expiresAt);
                return true;
            }
            i = (i + 1) & mask;
        }
        if (free >= 0) {
            index[free] = entry(tag, seq);
        } else {
            index[i] = entry(tag, seq);
            occupied++;
        }
        size++;
        append(intentId, expiresAt);
        if (occupied * 4 > index.length * 3 || ++insertsSinceRebuild > index.length) {
            rebuildIndex();
        }
        return true;
    }

    @Override
    public void expire(long now) {
        while (count > 0) {
            int r = (int) head & (ids.length - 1);
            if (expiries[r] > now) {
                return;
            }
            if (!superseded[r]) {
                size--;
            }
            ids[r] = null;
            superseded[r] = false;
            head++;
            count--;
        }
    }

    @Override
    public int size() {
        return size;
    }

    private static int tagOf(String id) {
        int h = id.hashCode() * 0x9E3779B9; // spreads ids that differ only in their last characters
        return (h ^ (h >>> 16)) | 1;
    }

    private static int home(int tag, int mask) {
        return (tag >>> 1) & mask;
    }

    private static long entry(int tag, long seq) {
        return ((long) tag << 32) | (seq & SEQ_BITS);
    }

    private int ring(long entry) {
        return (int) entry & (ids.length - 1);
    }

    /** Whether the entry's ring sequence is still in [head, head + count). */
    private boolean live(long entry) {
        return ((entry - head) & SEQ_BITS) < count;
    }

    /**
     * Drops stale entries; doubles the index when live ids alone would fill half of it. Kept small (2 to 4 slots
     * per live id) because each new id costs one probe at a random place in it: the smaller, the more often in
     * cache; the probe runs at up to 3/4 load mostly stay within one cache line of 8 slots.
     */
    private void rebuildIndex() {
        long[] old = index;
        index = new long[size * 2 > old.length ? old.length * 2 : old.length];
        int mask = index.length - 1;
        occupied = 0;
        insertsSinceRebuild = 0;
        for (long e : old) {
            if (e != 0 && live(e)) {
                int i = home((int) (e >>> 32), mask);
                while (index[i] != 0) {
                    i = (i + 1) & mask;
                }
                index[i] = e;
                occupied++;
            }
        }
    }

    private void append(String id, long expiresAt) {
        if (count == ids.length) {
            int mask = ids.length * 2 - 1;
            String[] newIds = new String[ids.length * 2];
            long[] newExpiries = new long[ids.length * 2];
            boolean[] newSuperseded = new boolean[ids.length * 2];
            for (long s = head; s < head + count; s++) {
                int from = (int) s & (ids.length - 1);
                int to = (int) s & mask;
                newIds[to] = ids[from];
                newExpiries[to] = expiries[from];
                newSuperseded[to] = superseded[from];
            }
            ids = newIds;
            expiries = newExpiries;
            superseded = newSuperseded;
        }
        int r = (int) (head + count) & (ids.length - 1);
        ids[r] = id;
        expiries[r] = expiresAt;
        count++;
    }
}
