package io.governor.bench.e2e;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's intent→permit latencies, whole and split at the decision: created → decided (the permit's timestamp,
 * which both topologies stamp with the stream thread's wall clock when they decide) and decided → visible (the
 * rest of the commit interval, the commit, the transaction markers and the consumer's fetch). The split tells a
 * slower decision from a slower commit.
 */
final class StageLatencies {
    /** Width of the creation-time windows {@link #slowestDecisions} groups intents into. */
    static final long WINDOW_MS = 100;

    final Latencies total;
    final Latencies decide;
    final Latencies visible;
    /** Per intent, in arrival order: when it was created and how long its decision took, for {@link #slowestDecisions}. */
    private final long[] createdMs;
    private final long[] decideMs;
    private int count;

    StageLatencies(int capacity) {
        total = new Latencies(capacity);
        decide = new Latencies(capacity);
        visible = new Latencies(capacity);
        createdMs = new long[capacity];
        decideMs = new long[capacity];
    }

    void add(long createdMs, long decidedMs, long receivedMs) {
        total.add(receivedMs - createdMs);
        decide.add(decidedMs - createdMs);
        visible.add(receivedMs - decidedMs);
        if (count < this.createdMs.length) {
            this.createdMs[count] = createdMs;
            decideMs[count++] = decidedMs - createdMs;
        }
    }

    /**
     * The {@code k} {@value #WINDOW_MS}-ms windows of creation time whose intents waited longest for their decision,
     * worst first, as {@code [windowStartMs, slowest decision ms, intents of the window]}: a tail made of a few
     * stalls shows as a few windows, whose times can be matched with a GC log or a JFR recording.
     */
    List<long[]> slowestDecisions(int k) {
        Map<Long, long[]> windows = new HashMap<>();
        for (int i = 0; i < count; i++) {
            long start = Math.floorDiv(createdMs[i], WINDOW_MS) * WINDOW_MS;
            long[] w = windows.computeIfAbsent(start, s -> new long[] {s, 0, 0});
            w[1] = Math.max(w[1], decideMs[i]);
            w[2]++;
        }
        return windows.values().stream().sorted(Comparator.comparingLong((long[] w) -> -w[1])).limit(k).toList();
    }

    E2eFigure.Stages stages() {
        return new E2eFigure.Stages(decide.percentile(50), decide.percentile(99), visible.percentile(50),
                visible.percentile(99));
    }
}
