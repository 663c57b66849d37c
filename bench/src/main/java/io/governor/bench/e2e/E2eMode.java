package io.governor.bench.e2e;

/** The three topologies an end-to-end run compares, on the same broker, topics layout and Streams settings. */
public enum E2eMode {
    /** Decode the intent JSON, encode a permit JSON, forward: no state, no decision. The baseline. */
    PASS_THROUGH,
    /** The governor with a limit far above the offered rate (BURST pacing): every intent permitted on arrival. */
    GOVERNOR_OPEN,
    /** The governor with a limit below the offered rate: most intents wait in a deep deferred queue. */
    GOVERNOR_BINDING;

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
        };
    }
}
