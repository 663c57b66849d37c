package io.governor.bench.e2e;

/**
 * The topologies an end-to-end run compares, on the same broker, topics layout and Streams settings; the first
 * three are the headline, {@link #DEEP_QUEUE} is the release run.
 */
public enum E2eMode {
    /** Decode the intent JSON, encode a permit JSON, forward: no state, no decision. The baseline. */
    PASS_THROUGH,
    /** The governor with a limit far above the offered rate (BURST pacing): every intent permitted on arrival. */
    GOVERNOR_OPEN,
    /** The governor with a limit below the offered rate: most intents wait in a deep deferred queue. */
    GOVERNOR_BINDING,
    /**
     * The governor holding a deep queue: one intent per account per hour lets the first intent of each account
     * through and queues the rest; once all of them wait, a policy record per account gives the capacity back
     * ({@link #releasePolicyJson}) and the run measures how fast the queue is released.
     */
    DEEP_QUEUE;

    /** The headline configurations, in the order they run. */
    static final java.util.List<E2eMode> HEADLINE = java.util.List.of(PASS_THROUGH, GOVERNOR_OPEN, GOVERNOR_BINDING);

    /** The run-time override that returns the capacity of a {@link #DEEP_QUEUE} account. */
    static String releasePolicyJson(long perAccountPerSecond) {
        return "{\"limits\":[{\"max\":" + perAccountPerSecond + ",\"per\":\"1s\"}],\"pacing\":\"BURST\"}";
    }

    String policyYaml(long perAccountPerSecond) {
        return switch (this) {
            case PASS_THROUGH, GOVERNOR_OPEN -> """
                    defaults:
                      limits: [ { max: 100000000, per: 1s } ]
                      pacing: BURST
                    accounts: {}
                    """;
            case GOVERNOR_BINDING -> "defaults:\n  limits: [ { max: " + perAccountPerSecond + ", per: 1s } ]\n"
                    + "accounts: {}\n";
            case DEEP_QUEUE -> """
                    defaults:
                      limits: [ { max: 1, per: 1h } ]
                      pacing: BURST
                    accounts: {}
                    """;
        };
    }
}
