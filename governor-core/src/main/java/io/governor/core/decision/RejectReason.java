package io.governor.core.decision;

/** Why an intent was refused for good; mirrors the contract's Rejection reasons. */
public enum RejectReason {
    /** Its deadline passed before it could be permitted. */
    EXPIRED,
    /** The account's queue is at queue.max and nothing of lower priority could make room. */
    QUEUE_FULL,
    /** Its job used up job.maxCalls, or its cost exceeds what a window can ever admit. */
    BUDGET_EXHAUSTED,
    /** It waited at a full queue and a higher-priority intent took its place. */
    SHED,
    /** Its id was seen within the dedup retention. */
    DUPLICATE,
    /** No policy for its account (and no defaults with limits), or it asked for a lane the account lacks. */
    UNKNOWN_ACCOUNT,
    /** A retryable outcome (429, 5xx, timeout, connect error) with no attempt left. */
    ATTEMPTS_EXHAUSTED,
    /** The upstream answered 403 to this intent's call. */
    FORBIDDEN
}
