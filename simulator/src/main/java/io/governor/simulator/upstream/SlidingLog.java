package io.governor.simulator.upstream;

import java.util.Arrays;

/**
 * The exact sliding rule: a call at t is within the limit when fewer than {@code max} counted calls started in
 * (t − per, t]. Keeps every counted start of the last {@code per} in a sorted ring, so it is the oracle, not an
 * approximation.
 */
final class SlidingLog implements TruthWindow {
    /** Out-of-order calls this much older than the newest are still counted exactly (live mode has some skew). */
    private static final long SKEW_MS = 10_000;

    private final long max;
    private final long per;
    private long[] starts = new long[16];
    private int head;
    private int size;
    private long newest = Long.MIN_VALUE;

    SlidingLog(long max, long perMs) {
        this.max = max;
        this.per = perMs;
    }

    @Override
    public long max() {
        return max;
    }

    @Override
    public long used(long t) {
        prune();
        return countAtMost(t) - countAtMost(t - per);
    }

    @Override
    public long resetAt(long t) {
        prune();
        int first = countAtMost(t - per);
        int inWindow = countAtMost(t) - first;
        if (inWindow == 0) {
            return t + per;
        }
        // Once the oldest call of the window leaves, one unit is free again.
        long oldest = at(first);
        if (inWindow < max) {
            return oldest + per;
        }
        // Full: the call that must leave is the one that brings the count below max.
        return at(first + (int) (inWindow - max)) + per;
    }

    @Override
    public long earliestBelow(long t, long room) {
        prune();
        int first = countAtMost(t - per);
        int inWindow = countAtMost(t) - first;
        // The (inWindow - room + 1)-th oldest call of the window must leave: it leaves at its start + per.
        return inWindow < room ? t : at(first + (int) (inWindow - room)) + per;
    }

    @Override
    public void record(long t) {
        if (size == starts.length) {
            long[] grown = new long[starts.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = at(i);
            }
            starts = grown;
            head = 0;
        }
        int pos = countAtMost(t);
        // Usually an append; an out-of-order start shifts the later ones up by one.
        for (int i = size; i > pos; i--) {
            starts[(head + i) % starts.length] = starts[(head + i - 1) % starts.length];
        }
        starts[(head + pos) % starts.length] = t;
        size++;
        newest = Math.max(newest, t);
    }

    private void prune() {
        long horizon = newest - per - SKEW_MS;
        while (size > 0 && starts[head] <= horizon) {
            head = (head + 1) % starts.length;
            size--;
        }
    }

    private long at(int i) {
        return starts[(head + i) % starts.length];
    }

    /** Number of logged starts <= t (binary search over the ring). */
    private int countAtMost(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (at(mid) <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "SlidingLog" + Arrays.toString(new long[] {max, per});
    }
}
