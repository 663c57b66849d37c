package io.governor.core.dedup;

/**
 * {@link SeenIds} for a heap: a ring of (id, expiresAt) in insertion order, and an open-addressing index over it.
 * Expiries grow with time when the retention is fixed, so the oldest entry is always the next to go.
 *
 * <p>Laid out for the permit path, where the live ids (rate × retention) far outnumber the cache: each index slot
 * is one long, (hash tag, ring sequence), so a new id costs one index probe and an append, and forgetting the
 * oldest costs one probe, without touching any id string unless two tags match. Nothing is allocated except when
 * the arrays double. About 50 bytes per remembered id, besides the id string itself.
 */
public final class InMemorySeenIds implements SeenIds {
    private static final int INITIAL_CAPACITY = 64; // powers of two throughout
    private static final long SEQ_BITS = 0xFFFF_FFFFL;

    // Index: 0 = empty, else (tag << 32 | low 32 bits of the ring sequence); tags are odd, so never 0. At most
    // half full; an entry always points at the newest ring entry of its id, which is live.
    private long[] index = new long[INITIAL_CAPACITY];
    private int size;
    // Ring of insertions: sequence s lives at s & (capacity - 1); live sequences are [head, head + count).
    private String[] ids = new String[INITIAL_CAPACITY];
    private long[] expiries = new long[INITIAL_CAPACITY];
    private int[] tags = new int[INITIAL_CAPACITY];
    private long head;
    private int count;

    @Override
    public boolean markSeen(String intentId, long now, long expiresAt) {
        int tag = tagOf(intentId);
        int slot = find(intentId, tag);
        long seq = head + count;
        if (index[slot] != 0) {
            if (expiries[ring(index[slot])] > now) {
                return false;
            }
            index[slot] = entry(tag, seq); // remembered but expired and not yet forgotten: remember afresh
        } else {
            index[slot] = entry(tag, seq);
            if (++size * 2 > index.length) {
                resizeIndex();
            }
        }
        append(intentId, expiresAt, tag);
        return true;
    }

    @Override
    public void expire(long now) {
        while (count > 0) {
            int r = (int) head & (ids.length - 1);
            long expiresAt = expiries[r];
            if (expiresAt > now) {
                return;
            }
            forget(ids[r], tags[r], head, expiresAt);
            ids[r] = null;
            head++;
            count--;
        }
    }

    /** Removes the id's index entry if it still has the expiry of the ring entry {@code seq} being dropped. */
    private void forget(String id, int tag, long seq, long expiresAt) {
        int mask = index.length - 1;
        for (int i = home(tag, mask); index[i] != 0; i = (i + 1) & mask) {
            long e = index[i];
            if ((int) (e >>> 32) != tag) {
                continue;
            }
            int r = ring(e);
            if ((e & SEQ_BITS) == (seq & SEQ_BITS)) { // the entry points at the very ring entry being dropped
                delete(i);
                return;
            }
            if (ids[r].equals(id)) { // re-marked since: forget only if it kept the same expiry
                if (expiries[r] == expiresAt) {
                    delete(i);
                }
                return;
            }
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

    /** The slot holding the id, or the empty slot where it would go. */
    private int find(String id, int tag) {
        int mask = index.length - 1;
        int i = home(tag, mask);
        long e;
        while ((e = index[i]) != 0) {
            if ((int) (e >>> 32) == tag && ids[ring(e)].equals(id)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Backward-shift deletion: keeps every probe chain unbroken without tombstones. */
    private void delete(int slot) {
        int mask = index.length - 1;
        int gap = slot;
        int i = slot;
        while (true) {
            i = (i + 1) & mask;
            long e = index[i];
            if (e == 0) {
                break;
            }
            // Move e into the gap unless its home lies cyclically in (gap, i].
            if (((i - home((int) (e >>> 32), mask)) & mask) >= ((i - gap) & mask)) {
                index[gap] = e;
                gap = i;
            }
        }
        index[gap] = 0;
        size--;
    }

    private void resizeIndex() {
        long[] old = index;
        index = new long[old.length * 2];
        int mask = index.length - 1;
        for (long e : old) {
            if (e != 0) {
                int i = home((int) (e >>> 32), mask);
                while (index[i] != 0) {
                    i = (i + 1) & mask;
                }
                index[i] = e;
            }
        }
    }

    private void append(String id, long expiresAt, int tag) {
        if (count == ids.length) {
            int mask = ids.length * 2 - 1;
            String[] newIds = new String[ids.length * 2];
            long[] newExpiries = new long[ids.length * 2];
            int[] newTags = new int[ids.length * 2];
            for (long s = head; s < head + count; s++) {
                int from = (int) s & (ids.length - 1);
                int to = (int) s & mask;
                newIds[to] = ids[from];
                newExpiries[to] = expiries[from];
                newTags[to] = tags[from];
            }
            ids = newIds;
            expiries = newExpiries;
            tags = newTags;
        }
        int r = (int) (head + count) & (ids.length - 1);
        ids[r] = id;
        expiries[r] = expiresAt;
        tags[r] = tag;
        count++;
    }
}
