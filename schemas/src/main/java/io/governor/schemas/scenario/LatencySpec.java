package io.governor.schemas.scenario;

import io.governor.schemas.DurationText;
import io.governor.schemas.InvalidFieldException;
import java.time.Duration;

/** Latency of the simulated upstream: its median and 99th percentile. */
public record LatencySpec(Duration p50, Duration p99) {
    public static final LatencySpec DEFAULT = new LatencySpec(Duration.ofMillis(100), Duration.ofMillis(300));

    public LatencySpec {
        if (p50 == null || p50.isNegative()) {
            throw new InvalidFieldException("p50", "must be a duration >= 0");
        }
        if (p99 == null || p99.compareTo(p50) < 0) {
            throw new InvalidFieldException("p99", "must be at least p50 (" + DurationText.format(p50)
                    + "), was " + (p99 == null ? null : DurationText.format(p99)));
        }
    }
}
