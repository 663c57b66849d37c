package io.governor.core.window;

import io.governor.schemas.policy.LimitSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Exact rolling window: a ring of the validUntil of the last {@code allowed} units.
 *
 * <p>Why this is exact: with notBefore non-decreasing, every earlier permit starts no later than a new one at
 * {@code nb}, so an interval [s, s+per) meeting the new span meets an earlier span iff that span's validUntil is
 * {@code >= s}. The worst interval is s = nb − per + 1, hence: at most cap − cost earlier units may have
 * validUntil {@code >= nb − per + 1}, i.e. nb {@code >=} vu(k) + per with k = cap − cost + 1 the k-th most recent
 * unit.
 */
public final class RollingLog implements Window {
    private final LimitSpec spec;
    private final long allowed;
    private final long perMs;
    private final long[] ring;
    private int size;
    private int next;

    /** Changes so far, for {@link #version}. */
    private long version;

    public RollingLog(LimitSpec spec, long allowed) {
        if (allowed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("allowed too large for an exact log: " + allowed);
        }
        this.spec = spec;
        this.allowed = allowed;
        this.perMs = spec.per().toMillis();
        this.ring = new long[(int) allowed];
    }

    @Override
    public LimitSpec spec() {
        return spec;
    }

    @Override
    public long allowed() {
        return allowed;
    }

    /** validUntil of the k-th most recent unit (k = 1 is the newest); k must be in [1, size]. */
    private long recent(int k) {
        int i = next - k;
        return ring[i < 0 ? i + ring.length : i];
    }

    @Override
    public long earliest(long t, int cost, long cap) {
        long k = cap - cost + 1;
        if (k > size) {
            return t;
        }
        long bound = recent((int) k) + perMs;
        return Math.max(t, bound);
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public void record(long notBefore, long validUntil, int cost) {
        version++;
        for (int c = 0; c < cost; c++) {
            ring[next] = validUntil;
            next = next + 1 == ring.length ? 0 : next + 1;
            if (size < ring.length) {
                size++;
            }
        }
    }

    @Override
    public long usedAt(long t) {
        long from = t - perMs + 1;
        long n = 0;
        for (int k = 1; k <= size && recent(k) >= from; k++) {
            n++;
        }
        return n;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        VarInts.write(out, size);
        long prev = 0;
        for (int k = size; k >= 1; k--) {
            long v = recent(k);
            if (k == size) {
                out.writeLong(v);
            } else {
                VarInts.write(out, v - prev);
            }
            prev = v;
        }
    }

    @Override
    public void readState(DataInput in, int layout) throws IOException {
        version++;
        int n = (int) VarInts.read(in);
        size = 0;
        next = 0;
        long prev = 0;
        for (int k = 0; k < n; k++) {
            long v = k == 0 ? in.readLong() : prev + VarInts.read(in);
            if (n - k <= ring.length) { // a log written under a larger allowance keeps its newest units
                ring[next] = v;
                next = next + 1 == ring.length ? 0 : next + 1;
                size++;
            }
            prev = v;
        }
    }
}
