package io.governor.simulator.upstream;

import io.governor.core.window.CalendarPeriods;

/**
 * Fixed windows: aligned multiples of {@code per} since the epoch, or local calendar days/hours of a zone. A call
 * counts in the window its start falls in; the count resets at the window's end.
 */
final class AlignedWindow implements TruthWindow {
    private final long max;
    private final long per;
    private final CalendarPeriods calendar;
    private long windowStart = Long.MIN_VALUE;
    private long windowEnd = Long.MIN_VALUE;
    private long count;

    private AlignedWindow(long max, long perMs, CalendarPeriods calendar) {
        this.max = max;
        this.per = perMs;
        this.calendar = calendar;
    }

    static AlignedWindow fixed(long max, long perMs) {
        return new AlignedWindow(max, perMs, null);
    }

    static AlignedWindow calendar(long max, CalendarPeriods periods) {
        return new AlignedWindow(max, 0, periods);
    }

    @Override
    public long max() {
        return max;
    }

    @Override
    public long used(long t) {
        return t >= windowStart && t < windowEnd ? count : 0;
    }

    @Override
    public long resetAt(long t) {
        return t >= windowStart && t < windowEnd ? windowEnd : endOf(startOf(t));
    }

    @Override
    public long earliestBelow(long t, long room) {
        return used(t) < room ? t : windowEnd;
    }

    @Override
    public void record(long t) {
        // A late call from an earlier window (live skew) is counted in the current one: never under-counts.
        if (t >= windowEnd) {
            windowStart = startOf(t);
            windowEnd = endOf(windowStart);
            count = 0;
        }
        count++;
    }

    private long startOf(long t) {
        return calendar != null ? calendar.startOf(t) : Math.floorDiv(t, per) * per;
    }

    private long endOf(long start) {
        return calendar != null ? calendar.nextStart(start) : start + per;
    }
}
