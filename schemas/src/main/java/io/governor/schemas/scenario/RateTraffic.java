package io.governor.schemas.scenario;

import io.governor.schemas.InvalidFieldException;
import java.time.Duration;

/**
 * Intents for {@code account} at {@code rate} for the whole run, spaced by {@code shape}; a BURST shape adds
 * {@code burstSize} intents at once every {@code burstEvery} (both set exactly when the shape is BURST).
 */
public record RateTraffic(String account, Rate rate, TrafficShape shape, Duration burstEvery, Integer burstSize,
                          IntentTemplate template) implements TrafficSpec {
    public RateTraffic {
        if (account == null || account.isBlank()) {
            throw new InvalidFieldException("account", "is required");
        }
        if (rate == null) {
            throw new InvalidFieldException("rate", "is required");
        }
        shape = shape == null ? TrafficShape.CONSTANT : shape;
        if (shape == TrafficShape.BURST) {
            if (burstEvery == null) {
                throw new InvalidFieldException("burstEvery", "is required when shape is burst");
            }
            if (burstEvery.isZero() || burstEvery.isNegative()) {
                throw new InvalidFieldException("burstEvery", "must be a positive duration");
            }
            if (burstSize == null) {
                throw new InvalidFieldException("burstSize", "is required when shape is burst");
            }
            if (burstSize < 1) {
                throw new InvalidFieldException("burstSize", "must be >= 1, was " + burstSize);
            }
        } else if (burstEvery != null) {
            throw new InvalidFieldException("burstEvery", "only a burst shape has bursts (add shape: burst)");
        } else if (burstSize != null) {
            throw new InvalidFieldException("burstSize", "only a burst shape has bursts (add shape: burst)");
        }
        template = template == null ? IntentTemplate.EMPTY : template;
    }
}
