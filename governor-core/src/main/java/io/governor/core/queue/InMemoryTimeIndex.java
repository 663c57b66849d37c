package io.governor.core.queue;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * {@link TimeIndex} for a heap, ordered by (time, then id by {@link String#compareTo}) exactly as a sorted set
 * would be: the simulator compares it record by record with the byte-ordered store of the Kafka engine.
 *
 * <p>Most entries arrive in order (lease ends follow notBefore, which never decreases), so they are appended to
 * a sorted ring: no node, no rebalancing, and the least entry is the ring's head. Only entries that sort before
 * the ring's last one go to a sorted set; the least entry is the lesser of the two heads. Removing a ring entry
 * finds it by binary search and marks it dead; the head is never dead, and the ring is compacted when the dead
 * outnumber the live, so memory stays proportional to the live entries.
 */
public final class InMemoryTimeIndex implements TimeIndex {
    private static final int INITIAL_CAPACITY = 16; // a power of two
    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::at).thenComparing(Entry::id);

    private record Entry(long at, String id) {
    }

    private final TreeSet<Entry> outOfOrder = new TreeSet<>(ORDER);
    // Ring of sorted entries, live and dead: logical position p lives at (head + p) & (capacity - 1).
    // Empty until the first append: a host with many accounts keeps three indexes per account, mostly idle.
    private long[] ats = new long[0];
    private String[] ids = new String[0];
    private boolean[] dead = new boolean[0];
    private int head;
    private int count;
    private int deadCount;
    // The last entry appended, even if gone since: while the ring is not empty, every entry sorts at or before it.
    private long lastAt;
    private String lastId;

    @Override
    public void add(long at, String intentId) {
        if (count == 0 ? outOfOrder.isEmpty() || after(at, intentId, outOfOrder.last())
                : at > lastAt || at == lastAt && intentId.compareTo(lastId) > 0) {
            append(at, intentId);
            return;
        }
        int p = find(at, intentId);
        if (p >= 0) {
            int r = slot(p);
            if (dead[r]) {
                dead[r] = false;
                deadCount--;
            }
            return;
        }
        outOfOrder.add(new Entry(at, intentId));
    }

    @Override
    public void remove(long at, String intentId) {
        if (!outOfOrder.isEmpty() && outOfOrder.remove(new Entry(at, intentId))) {
            return;
        }
        int p = find(at, intentId);
        if (p < 0 || dead[slot(p)]) {
            return;
        }
        dead[slot(p)] = true;
        deadCount++;
        dropDeadHead();
        if (deadCount > 8 && deadCount * 2 > count) {
            compact();
        }
    }

    @Override
    public long peekTime() {
        long ring = count == 0 ? Long.MAX_VALUE : ats[head];
        return outOfOrder.isEmpty() ? ring : Math.min(ring, outOfOrder.first().at());
    }

    @Override
    public String pollDue(long now) {
        boolean ringDue = count > 0 && ats[head] <= now;
        if (!outOfOrder.isEmpty()) {
            Entry first = outOfOrder.first();
            if (first.at() <= now && (!ringDue || compare(first.at(), first.id(), 0) < 0)) {
                return outOfOrder.pollFirst().id();
            }
        }
        if (!ringDue) {
            return null;
        }
        String id = ids[head];
        ids[head] = null;
        head = (head + 1) & (ats.length - 1);
        count--;
        dropDeadHead();
        return id;
    }

    @Override
    public int size() {
        return count - deadCount + outOfOrder.size();
    }

    private static boolean after(long at, String id, Entry e) {
        return at > e.at() || at == e.at() && id.compareTo(e.id()) > 0;
    }

    /** The order of (at, id) against the ring entry at logical position p. */
    private int compare(long at, String id, int p) {
        int r = slot(p);
        int byTime = Long.compare(at, ats[r]);
        return byTime != 0 ? byTime : id.compareTo(ids[r]);
    }

    private int slot(int p) {
        return (head + p) & (ats.length - 1);
    }

    /** Logical position of the ring entry (at, id), live or dead, or -1. */
    private int find(long at, String id) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(at, id, mid);
            if (c == 0) {
                return mid;
            }
            if (c > 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    private void append(long at, String id) {
        if (count == ats.length) {
            resize(Math.max(INITIAL_CAPACITY, ats.length * 2));
        }
        int r = slot(count);
        ats[r] = at;
        ids[r] = id;
        dead[r] = false;
        count++;
        lastAt = at;
        lastId = id;
    }

    /** Keeps the head live, so peek and poll read it directly. */
    private void dropDeadHead() {
        while (count > 0 && dead[head]) {
            dead[head] = false;
            ids[head] = null;
            head = (head + 1) & (ats.length - 1);
            count--;
            deadCount--;
        }
    }

    /** Drops the dead entries, keeping the order of the live ones. */
    private void compact() {
        int mask = ats.length - 1;
        int to = 0;
        for (int p = 0; p < count; p++) {
            int r = (head + p) & mask;
            if (!dead[r]) {
                int w = (head + to) & mask;
                ats[w] = ats[r];
                ids[w] = ids[r];
                dead[w] = false;
                to++;
            }
        }
        for (int p = to; p < count; p++) {
            int r = (head + p) & mask;
            ids[r] = null;
            dead[r] = false;
        }
        count = to;
        deadCount = 0;
    }

    private void resize(int capacity) {
        long[] newAts = new long[capacity];
        String[] newIds = new String[capacity];
        boolean[] newDead = new boolean[capacity];
        for (int p = 0; p < count; p++) {
            int r = slot(p);
            newAts[p] = ats[r];
            newIds[p] = ids[r];
            newDead[p] = dead[r];
        }
        ats = newAts;
        ids = newIds;
        dead = newDead;
        head = 0;
    }
}
