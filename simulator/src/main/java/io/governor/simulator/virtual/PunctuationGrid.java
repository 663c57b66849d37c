package io.governor.simulator.virtual;

/**
 * The instants a governor instance releases waiting intents: start + k × tick for k ≥ 1, the schedule of its
 * wall-clock punctuator. A punctuation that time jumped over fires once, at the instant time reached, and the next
 * one is the first grid point after it (Kafka Streams' rule for missed punctuations).
 */
record PunctuationGrid(long startMs, long tickMs) {
    PunctuationGrid {
        if (tickMs < 1) {
            throw new IllegalArgumentException("tickMs must be >= 1, was " + tickMs);
        }
    }

    /** The first punctuation time at or after {@code t}. */
    long atOrAfter(long t) {
        long k = Math.max(1, Math.floorDiv(t - startMs + tickMs - 1, tickMs));
        return startMs + k * tickMs;
    }

    /** The first punctuation time strictly after {@code t}. */
    long after(long t) {
        return atOrAfter(t + 1);
    }

    /** The first tick after {@code nowMs} at or after {@code wakeAt}; Long.MAX_VALUE when nothing waits. */
    long wakeTick(long wakeAt, long nowMs) {
        return wakeAt == Long.MAX_VALUE ? Long.MAX_VALUE : atOrAfter(Math.max(wakeAt, nowMs + 1));
    }
}
