package io.governor.schemas.event;

/** Why an intent waits. */
public enum DeferralReason {
    RATE_LIMIT, CONCURRENCY, CIRCUIT_OPEN, PAUSED, FORBIDDEN, NOT_YET, PRIORITY_RESERVE
}
