package io.governor.core.window;

import io.governor.schemas.policy.LimitSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Calendar day or hour of a zone: each period [start, nextStart) may hold at most cap units, and a permit counts
 * in every period its span meets. Because spans are shorter than a period, only the current period's count and
 * the next one's (spans crossing the boundary) are needed.
 */
public final class CalendarWindow implements Window {
    private static final long NONE = Long.MIN_VALUE;

    private final LimitSpec spec;
    private final long allowed;
    private final long validityMs;
    private final CalendarPeriods periods;
    private long periodStart = NONE;
    private long periodEnd = NONE;
    private long count;
    private long nextCount;
    // Last period looked up, so the hot path does not touch java.time; and the one before it, since a full
    // period has every deferral look up the next one and the following permit the current one again.
    private long cachedStart = NONE;
    private long cachedEnd = NONE;
    private long olderStart = NONE;
    private long olderEnd = NONE;

    /** Changes so far, for {@link #version}. */
    private long version;

    public CalendarWindow(LimitSpec spec, long allowed, long validityMs) {
        if (validityMs >= spec.per().toMillis() / 2) {
            throw new IllegalArgumentException("validity " + validityMs + "ms must be shorter than half of the "
                    + spec.windowName() + " calendar window");
        }
        this.spec = spec;
        this.allowed = allowed;
        this.validityMs = validityMs;
        this.periods = CalendarPeriods.of(spec.per(), spec.zone());
    }

    @Override
    public LimitSpec spec() {
        return spec;
    }

    @Override
    public long allowed() {
        return allowed;
    }

    /** Start of the current period (the one of the latest permit), or Long.MIN_VALUE before any. */
    public long periodStart() {
        return periodStart;
    }

    /** Start of the period containing t. */
    public long startOf(long t) {
        if (t >= cachedStart && t < cachedEnd) {
            return cachedStart;
        }
        long s;
        long e;
        if (t >= olderStart && t < olderEnd) {
            s = olderStart;
            e = olderEnd;
        } else {
            s = periods.startOf(t);
            e = periods.nextStart(s);
        }
        olderStart = cachedStart;
        olderEnd = cachedEnd;
        cachedStart = s;
        cachedEnd = e;
        return s;
    }

    /** Start of the period after the one starting at start. */
    public long endOf(long start) {
        if (start == cachedStart) {
            return cachedEnd;
        }
        if (start == olderStart) {
            return olderEnd;
        }
        if (start == periodStart) {
            return periodEnd;
        }
        return periods.nextStart(start);
    }

    private long countOf(long start) {
        if (start == periodStart) {
            return count;
        }
        if (start == periodEnd) {
            return nextCount;
        }
        // Later periods hold nothing yet; earlier ones are never asked for, as notBefore only grows.
        return start > periodEnd ? 0 : count;
    }

    @Override
    public long earliest(long t, int cost, long cap) {
        if (t >= cachedStart && t + validityMs < cachedEnd && countOf(cachedStart) + cost <= cap) {
            return t; // the span lies in the period looked up last, which has room: no java.time, no loop
        }
        long at = t;
        outer:
        while (true) {
            long start = startOf(at);
            long last = at + validityMs;
            for (long p = start; p <= last; p = endOf(p)) {
                if (countOf(p) + cost > cap) {
                    at = endOf(p);
                    continue outer;
                }
            }
            return at;
        }
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public void record(long notBefore, long validUntil, int cost) {
        version++;
        long start = startOf(notBefore);
        if (start != periodStart) {
            if (start == periodEnd) {
                count = nextCount;
            } else {
                count = 0;
            }
            nextCount = 0;
            periodStart = start;
            periodEnd = endOf(start);
        }
        count += cost;
        if (validUntil >= periodEnd) {
            nextCount += cost;
        }
    }

    @Override
    public long usedAt(long t) {
        return countOf(startOf(t));
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeBoolean(periodStart != NONE);
        if (periodStart != NONE) {
            out.writeLong(periodStart);
            VarInts.write(out, periodEnd - periodStart);
            VarInts.write(out, count);
            VarInts.write(out, nextCount);
        }
    }

    @Override
    public void readState(DataInput in, int layout) throws IOException {
        version++;
        if (in.readBoolean()) {
            periodStart = in.readLong();
            periodEnd = periodStart + VarInts.read(in);
            count = VarInts.read(in);
            nextCount = VarInts.read(in);
        } else {
            periodStart = NONE;
            periodEnd = NONE;
            count = 0;
            nextCount = 0;
        }
    }
}
