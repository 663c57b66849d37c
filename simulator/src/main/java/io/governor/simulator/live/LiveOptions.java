package io.governor.simulator.live;

import io.governor.schemas.InvalidFieldException;
import java.time.Duration;

/**
 * How a live run is set up. {@code bootstrap} is a running Kafka (null: an embedded broker is started for the run
 * and stopped after it); {@code drainLimit} is how long after the scenario's end the run still waits for waiting
 * intents to be decided and permitted calls to report.
 */
public record LiveOptions(String bootstrap, Duration drainLimit) {
    public static final Duration DEFAULT_DRAIN_LIMIT = Duration.ofSeconds(60);

    public LiveOptions {
        if (bootstrap != null && (bootstrap.isBlank() || !bootstrap.contains(":"))) {
            throw new InvalidFieldException("--bootstrap", "must be HOST:PORT[,HOST:PORT...], was \"" + bootstrap + "\"");
        }
        drainLimit = drainLimit == null ? DEFAULT_DRAIN_LIMIT : drainLimit;
        if (drainLimit.isNegative()) {
            throw new InvalidFieldException("drainLimit", "must be a duration >= 0, was " + drainLimit);
        }
    }

    /** An embedded broker, the default drain limit. */
    public static LiveOptions embedded() {
        return new LiveOptions(null, null);
    }
}
