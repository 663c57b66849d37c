package io.governor.simulator.baseline;

/** A local token bucket in virtual time: {@code capacity} tokens, refilled at {@code capacity} per {@code perMs}. */
final class TokenBucket {
    private final double capacity;
    private final double perMs;
    private double tokens;
    private long refilledAt;

    TokenBucket(double capacity, long periodMs, long startMs) {
        this.capacity = capacity;
        this.perMs = capacity / periodMs;
        this.tokens = capacity;
        this.refilledAt = startMs;
    }

    /** The earliest instant >= t at which one token is there. */
    long availableAt(long t) {
        refill(t);
        return tokens >= 1 ? t : t + (long) Math.ceil((1 - tokens) / perMs);
    }

    void take(long t) {
        refill(t);
        tokens -= 1;
    }

    private void refill(long t) {
        if (t > refilledAt) {
            tokens = Math.min(capacity, tokens + (t - refilledAt) * perMs);
            refilledAt = t;
        }
    }
}
