package io.governor.schemas.event;

/** Why an intent was refused for good. */
public enum RejectionReason {
    EXPIRED, QUEUE_FULL, BUDGET_EXHAUSTED, SHED, DUPLICATE, UNKNOWN_ACCOUNT, ATTEMPTS_EXHAUSTED, FORBIDDEN
}
