package io.governor.simulator.report;

import java.util.Arrays;

/** Wait times in ms, kept whole so percentiles are exact (nearest rank). */
final class WaitSamples {
    private long[] values = new long[64];
    private int size;

    void add(long ms) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = ms;
    }

    void addAll(WaitSamples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    Figures.Percentiles percentiles() {
        if (size == 0) {
            return new Figures.Percentiles(0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new Figures.Percentiles(rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[size - 1]);
    }

    private static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
