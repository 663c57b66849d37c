package io.governor.streams.topology;

import java.time.Duration;

/**
 * When the processor writes its held state out ahead of the commit. Writes are held in memory so each key is
 * written once per commit ({@code WriteBehindStore}), but writing them all at the commit puts their changelog
 * records, and the adding of the changelog partitions to the transaction, on the commit's critical path: every
 * permit of the interval becomes visible only after that round trip. Measured at 2,000 intents/s this cost ~20 ms
 * at p50 (docs/BENCHMARKS.md, Session 8). So the tick before the commit is expected writes everything out once;
 * the commit then sends only what the last tick or two decided, and the partitions are already in the transaction.
 *
 * <p>The commit is expected a commit interval after the last one began, and the wall-clock tick runs every
 * {@code tick}; writing at the first tick at least {@code commitInterval - tick} after the last commit lands one
 * tick before it. A key written ahead and changed again is written twice in that commit, the price of the earlier
 * visibility: one extra record per account per commit interval, at most.
 */
final class WriteAheadSchedule {
    private final long aheadAfterMs;
    private long lastCommitAt;
    private boolean written;

    /**
     * @param commitInterval Streams' commit interval
     * @param tick           the wall-clock punctuation interval the processor asks {@link #due} on
     */
    WriteAheadSchedule(Duration commitInterval, Duration tick) {
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive, was " + commitInterval);
        }
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive, was " + tick);
        }
        // With a tick as long as the interval there is no tick "before" the commit: the first tick after it will do.
        this.aheadAfterMs = Math.max(0, commitInterval.toMillis() - tick.toMillis());
    }

    /** Called at the commit (the held state is written then anyway): the next write-ahead is measured from here. */
    void committed(long nowMs) {
        lastCommitAt = nowMs;
        written = false;
    }

    /** True once per commit interval, at the first tick from {@code commitInterval - tick} after the last commit. */
    boolean due(long nowMs) {
        if (written || nowMs - lastCommitAt < aheadAfterMs) {
            return false;
        }
        written = true;
        return true;
    }
}
