package io.governor.streams.observe;

import io.governor.schemas.event.QuotaSnapshot.WaitPercentiles;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Waits (ms) of the permits of one snapshot interval, for its p50 and p99. A busy account permits thousands per
 * interval, so past {@link #CAPACITY} samples it keeps a uniform reservoir instead of every value.
 */
final class WaitSamples {
    static final int CAPACITY = 1024;

    private final long[] samples = new long[CAPACITY];
    // Seeded: the same run gives the same percentiles (the simulator compares runs).
    private final SplittableRandom random = new SplittableRandom(5);
    private long seen;

    void add(long waitMs) {
        if (seen < CAPACITY) {
            samples[(int) seen] = waitMs;
        } else {
            long slot = random.nextLong(seen + 1);
            if (slot < CAPACITY) {
                samples[(int) slot] = waitMs;
            }
        }
        seen++;
    }

    /** Nearest-rank p50 and p99 of what was added since the last reset, null when nothing was. */
    WaitPercentiles percentiles() {
        if (seen == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(samples, (int) Math.min(seen, CAPACITY));
        Arrays.sort(sorted);
        return new WaitPercentiles(rank(sorted, 0.50), rank(sorted, 0.99));
    }

    void reset() {
        seen = 0;
    }

    private static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
