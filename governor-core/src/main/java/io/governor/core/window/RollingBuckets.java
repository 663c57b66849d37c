package io.governor.core.window;

import io.governor.schemas.policy.LimitSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Conservative rolling window for large allowances: units are counted in buckets of validUntil of width
 * ceil(per / {@value #BUCKETS_PER_WINDOW}) instead of one entry per unit, so the state stays a few hundred bytes.
 *
 * <p>Same rule as {@link RollingLog}: a permit at nb needs the (room + 1)-th most recent unit, room = cap − cost,
 * to have validUntil {@code < nb − per + 1}. Each bucket keeps, besides its count, the newest validUntil in it
 * ({@code last}) and the least gap between two successive units recorded into it ({@code minGap}; 0 once a
 * unit came out of order or with a cost above 1). Units in a bucket are in validUntil order, so its j-th most
 * recent one has validUntil {@code <= last − (j − 1) × minGap}: an upper bound, hence a window never reopens
 * early, and an exact one when the permits in the bucket were evenly spaced, as paced permits are. A full ring
 * merges its oldest bucket into the next newer one (gap forgotten: bound = last). Without this bound a
 * saturated window reopened up to one bucket width late at each turnover (1/{@value #BUCKETS_PER_WINDOW} of the
 * window lost per cycle); now it is late by at most the spread of the gaps within one bucket.
 */
public final class RollingBuckets implements Window {
    public static final int BUCKETS_PER_WINDOW = 64;
    private static final int CAPACITY = BUCKETS_PER_WINDOW + 8;
    private static final long NO_GAP = Long.MAX_VALUE;

    private final LimitSpec spec;
    private final long allowed;
    private final long perMs;
    private final long width;
    private final long[] index = new long[CAPACITY];
    private final long[] count = new long[CAPACITY];
    /** Newest validUntil counted in each bucket. */
    private final long[] last = new long[CAPACITY];
    /** Least gap between successive units of each bucket; {@link #NO_GAP} while it holds one unit. */
    private final long[] minGap = new long[CAPACITY];
    private int first;
    private int size;
    /** Sum of every bucket's count: when even that leaves room, no suffix can fill the window. */
    private long total;

    /** Changes so far, for {@link #version}. */
    private long version;

    public RollingBuckets(LimitSpec spec, long allowed) {
        this.spec = spec;
        this.allowed = allowed;
        this.perMs = spec.per().toMillis();
        this.width = Math.max(1, (perMs + BUCKETS_PER_WINDOW - 1) / BUCKETS_PER_WINDOW);
    }

    /** Width of one bucket in milliseconds: the most a window can reopen late. */
    public long bucketWidthMs() {
        return width;
    }

    @Override
    public LimitSpec spec() {
        return spec;
    }

    @Override
    public long allowed() {
        return allowed;
    }

    private int slot(int i) {
        int s = first + i;
        return s >= CAPACITY ? s - CAPACITY : s;
    }

    @Override
    public long earliest(long t, int cost, long cap) {
        long room = cap - cost;
        if (total <= room) {
            return t;
        }
        // Both scans find the same bucket; start from the end it is nearer to. A full window (total just above
        // room) binds on its oldest buckets, which a scan from the newest reaches only after all of them.
        return total - room <= total / 2 ? earliestFromOldest(t, room) : earliestFromNewest(t, room);
    }

    /** Reopening by the (room + 1)-th most recent unit, its bucket found from the newest; t when there is none. */
    long earliestFromNewest(long t, long room) {
        long suffix = 0;
        for (int i = size - 1; i >= 0; i--) {
            int s = slot(i);
            long newer = suffix;
            suffix += count[s];
            if (suffix > room) {
                return reopenAt(t, s, room, newer);
            }
        }
        return t;
    }

    /** The same from the oldest bucket: the newest one whose units and newer ones exceed room; needs room >= 0. */
    long earliestFromOldest(long t, long room) {
        long suffix = total;
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            long newer = suffix - count[s];
            if (newer <= room) { // and suffix > room, or the previous step would have stopped
                return reopenAt(t, s, room, newer);
            }
            suffix = newer;
        }
        return t;
    }

    /** When the window reopens if the binding unit is the (room + 1 − newer)-th most recent of bucket s. */
    private long reopenAt(long t, int s, long room, long newer) {
        long j = room + 1 - newer;
        long bound = j == 1 ? last[s] : last[s] - (j - 1) * minGap[s];
        return Math.max(t, bound + perMs);
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public void record(long notBefore, long validUntil, int cost) {
        version++;
        long idx = Math.floorDiv(validUntil, width);
        if (size > 0) {
            int newest = slot(size - 1);
            if (index[newest] >= idx) { // never older than the newest bucket: counting it later is conservative
                long gap = validUntil - last[newest];
                if (gap < 0 || cost > 1) {
                    minGap[newest] = 0; // out of order or several units at once: only last bounds them
                } else {
                    minGap[newest] = Math.min(minGap[newest], gap);
                }
                last[newest] = Math.max(last[newest], validUntil);
                count[newest] += cost;
                total += cost;
                return;
            }
        }
        dropIrrelevant(notBefore);
        if (size == CAPACITY) {
            mergeOldest();
        }
        append(idx, cost, validUntil, cost > 1 ? 0 : NO_GAP);
    }

    private void append(long idx, long units, long newestValidUntil, long gap) {
        int s = slot(size);
        index[s] = idx;
        count[s] = units;
        last[s] = newestValidUntil;
        minGap[s] = gap;
        size++;
        total += units;
    }

    /** Folds the oldest bucket into the next newer one: its units count as no older than that bucket's last. */
    private void mergeOldest() {
        int oldest = slot(0);
        int second = slot(1);
        count[second] += count[oldest];
        minGap[second] = 0;
        first = second;
        size--;
    }

    /** Buckets whose newest unit ends before nb − per + 1 can never meet an interval of a later permit. */
    private void dropIrrelevant(long notBefore) {
        long from = notBefore - perMs + 1;
        while (size > 0 && last[first] < from) {
            total -= count[first];
            first = slot(1);
            size--;
        }
    }

    @Override
    public long usedAt(long t) {
        long from = t - perMs + 1;
        long n = 0;
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            if (last[s] >= from) {
                n += count[s];
            }
        }
        return n;
    }

    private long endOfBucket(long idx) {
        return (idx + 1) * width - 1;
    }

    /** Per bucket: index (first absolute, then deltas), count, end of bucket − last, minGap + 1 (0: none). */
    @Override
    public void writeState(DataOutput out) throws IOException {
        VarInts.write(out, size);
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            if (i == 0) {
                out.writeLong(index[s]);
            } else {
                VarInts.write(out, index[s] - index[slot(i - 1)]);
            }
            VarInts.write(out, count[s]);
            VarInts.write(out, endOfBucket(index[s]) - last[s]);
            VarInts.write(out, minGap[s] == NO_GAP ? 0 : minGap[s] + 1);
        }
    }

    /**
     * Layout {@link Window#LAYOUT_BUCKET_COUNTS} has only index and count per bucket: its units are bounded by
     * the end of their bucket (as that layout's reader did).
     */
    @Override
    public void readState(DataInput in, int layout) throws IOException {
        version++;
        int n = (int) VarInts.read(in);
        first = 0;
        size = 0;
        total = 0;
        long prev = 0;
        for (int i = 0; i < n; i++) {
            long idx = i == 0 ? in.readLong() : prev + VarInts.read(in);
            long c = VarInts.read(in);
            long newest = endOfBucket(idx);
            long gap = 0;
            if (layout >= LAYOUT_BUCKET_BOUNDS) {
                newest -= VarInts.read(in);
                long g = VarInts.read(in);
                gap = g == 0 ? NO_GAP : g - 1;
            }
            prev = idx;
            if (size == CAPACITY) { // conservative merge, as in record
                mergeOldest();
            }
            append(idx, c, newest, gap);
        }
    }
}
