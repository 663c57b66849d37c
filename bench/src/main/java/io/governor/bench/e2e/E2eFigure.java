package io.governor.bench.e2e;

/**
 * One end-to-end configuration's result. Throughput runs from the first intent sent to the last permit received;
 * latency from the intent's createdAt (stamped by the producer just before send) to the consumer's receipt of its
 * permit (read_committed). {@code stateBytesPerAccount} is measured only for governor runs (0 otherwise).
 * {@code jitMillis} is the JVM's JIT compile time during the run (-1 where it cannot tell): a run whose compilers
 * were still busy measured part of the warm-up, since they take a core of this machine's two.
 */
public record E2eFigure(
        E2eMode mode,
        int intents,
        int partitions,
        int accounts,
        int permits,
        int duplicates,
        long deferred,
        double intentsPerSecond,
        double producedPerSecond,
        long p50Ms,
        long p99Ms,
        long maxMs,
        long limitCapacityPerSecond,
        StateBytes state,
        double loadAverage,
        double streamCpuMicrosPerIntent,
        long queueDepth,
        CommitLatency commit,
        double changelogRecordsPerIntent,
        Stages stages,
        long jitMillis) {

    /**
     * p50 and p99 of the two halves of intent→permit latency ({@link StageLatencies}): created → decided, and
     * decided → visible to a read_committed consumer.
     */
    public record Stages(long decideP50Ms, long decideP99Ms, long visibleP50Ms, long visibleP99Ms) {
        public static final Stages UNKNOWN = new Stages(0, 0, 0, 0);
    }

    /**
     * Kafka Streams' own {@code commit-latency-avg} and {@code -max} of the stream thread over its last metrics
     * window (30 s): what a commit costs, during which no intent is decided and no permit becomes visible.
     */
    public record CommitLatency(double avgMs, double maxMs) {
        public static final CommitLatency UNKNOWN = new CommitLatency(Double.NaN, Double.NaN);
    }

    /** Bytes in {@code governor-state} (keys + values) per account, split into dedup entries and the rest. */
    public record StateBytes(long entries, double bytesPerAccount, double dedupBytesPerAccount) {
        public static final StateBytes NONE = new StateBytes(0, 0, 0);
    }
}
