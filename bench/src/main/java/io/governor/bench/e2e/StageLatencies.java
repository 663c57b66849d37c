package io.governor.bench.e2e;

/**
 * A run's intent→permit latencies, whole and split at the decision: created → decided (the permit's timestamp,
 * which both topologies stamp with the stream thread's wall clock when they decide) and decided → visible (the
 * rest of the commit interval, the commit, the transaction markers and the consumer's fetch). The split tells a
 * slower decision from a slower commit.
 */
final class StageLatencies {
    final Latencies total;
    final Latencies decide;
    final Latencies visible;

    StageLatencies(int capacity) {
        total = new Latencies(capacity);
        decide = new Latencies(capacity);
        visible = new Latencies(capacity);
    }

    void add(long createdMs, long decidedMs, long receivedMs) {
        total.add(receivedMs - createdMs);
        decide.add(decidedMs - createdMs);
        visible.add(receivedMs - decidedMs);
    }

    E2eFigure.Stages stages() {
        return new E2eFigure.Stages(decide.percentile(50), decide.percentile(99), visible.percentile(50),
                visible.percentile(99));
    }
}
