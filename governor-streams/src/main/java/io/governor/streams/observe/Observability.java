package io.governor.streams.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * How a topology reports: each hosted account's snapshot every {@code metricsInterval} (to the metrics topic and
 * the queryable quota store, with the alerts it raises) and the instance's meters.
 */
public record Observability(Duration metricsInterval, GovernorMeters meters) {
    public Observability {
        Objects.requireNonNull(metricsInterval, "metricsInterval");
        Objects.requireNonNull(meters, "meters");
        if (metricsInterval.isZero() || metricsInterval.isNegative()) {
            throw new IllegalArgumentException("metricsInterval must be positive, was " + metricsInterval);
        }
    }
}
