package io.governor.bench.e2e;

import java.util.Arrays;

/** Intent→permit latencies in ms of one run, and their percentiles (nearest rank). */
final class Latencies {
    private final int[] ms;
    private int count;
    private boolean sorted;

    Latencies(int capacity) {
        ms = new int[capacity];
    }

    void add(long latencyMs) {
        if (count < ms.length) {
            ms[count++] = (int) Math.max(0, Math.min(Integer.MAX_VALUE, latencyMs));
            sorted = false;
        }
    }

    int count() {
        return count;
    }

    /** p in (0, 100]; 0 when nothing was recorded. */
    long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        if (!sorted) {
            Arrays.sort(ms, 0, count);
            sorted = true;
        }
        int rank = (int) Math.ceil(p / 100.0 * count);
        return ms[Math.max(0, Math.min(count - 1, rank - 1))];
    }
}
