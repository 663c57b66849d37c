package io.governor.core.window;

import io.governor.schemas.policy.LimitSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Conservative rolling window for large allowances: units are counted in buckets of validUntil of width
 * ceil(per / {@value #BUCKETS_PER_WINDOW}) instead of one entry per unit, so the state stays a few hundred bytes.
 *
 * <p>Same rule as {@link RollingLog} (units with validUntil {@code >= nb − per + 1} must leave room for the
 * cost), but a bucket counts whole as soon as any of its range could reach that bound, and a full ring merges
 * its oldest bucket into the next newer one. Both only over-count, so the limit always holds; the price is that
 * a window may reopen up to one bucket width late (at most 1/{@value #BUCKETS_PER_WINDOW} of the window).
 */
public final class RollingBuckets implements Window {
    public static final int BUCKETS_PER_WINDOW = 64;
    private static final int CAPACITY = BUCKETS_PER_WINDOW + 8;

    private final LimitSpec spec;
    private final long allowed;
    private final long perMs;
    private final long width;
    private final long[] index = new long[CAPACITY];
    private final long[] count = new long[CAPACITY];
    private int first;
    private int size;
    /** Sum of every bucket's count: when even that leaves room, no suffix can fill the window. */
    private long total;

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
        long suffix = 0;
        for (int i = size - 1; i >= 0; i--) {
            int s = slot(i);
            suffix += count[s];
            if (suffix > room) {
                return Math.max(t, (index[s] + 1) * width + perMs - 1);
            }
        }
        return t;
    }

    @Override
    public void record(long notBefore, long validUntil, int cost) {
        long idx = Math.floorDiv(validUntil, width);
        if (size > 0) {
            int last = slot(size - 1);
            if (index[last] >= idx) { // never older than the newest bucket: counting it later is conservative
                count[last] += cost;
                total += cost;
                return;
            }
        }
        dropIrrelevant(notBefore);
        if (size == CAPACITY) {
            int oldest = slot(0);
            int second = slot(1);
            count[second] += count[oldest];
            first = second;
            size--;
        }
        int s = slot(size);
        index[s] = idx;
        count[s] = cost;
        size++;
        total += cost;
    }

    /** Buckets that end before nb − per + 1 can never meet an interval of a later permit. */
    private void dropIrrelevant(long notBefore) {
        long from = Math.floorDiv(notBefore - perMs + 1, width);
        while (size > 0 && index[slot(0)] < from) {
            total -= count[first];
            first = slot(1);
            size--;
        }
    }

    @Override
    public long usedAt(long t) {
        long from = Math.floorDiv(t - perMs + 1, width);
        long n = 0;
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            if (index[s] >= from) {
                n += count[s];
            }
        }
        return n;
    }

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
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int n = (int) VarInts.read(in);
        first = 0;
        size = 0;
        total = 0;
        long prev = 0;
        for (int i = 0; i < n; i++) {
            long idx = i == 0 ? in.readLong() : prev + VarInts.read(in);
            long c = VarInts.read(in);
            prev = idx;
            if (size == CAPACITY) { // conservative merge, as in record
                count[slot(1)] += count[slot(0)];
                first = slot(1);
                size--;
            }
            int s = slot(size);
            index[s] = idx;
            count[s] = c;
            size++;
            total += c;
        }
    }
}
