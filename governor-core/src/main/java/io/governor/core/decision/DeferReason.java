package io.governor.core.decision;

/** Why an intent waits; mirrors the contract's Deferral reasons. */
public enum DeferReason {
    /** A window or the pacing of the account, a lane or a tenant is full. */
    RATE_LIMIT,
    /** {@code concurrency} permits are in flight (no outcome yet, lease not ended). */
    CONCURRENCY,
    /** The circuit of the account (or of every lane that could serve it) is open or half-open and busy. */
    CIRCUIT_OPEN,
    /** The account or lane is paused by a Retry-After. */
    PAUSED,
    /** The upstream answered 403: the account or lane is paused for {@code forbidden.pause}. */
    FORBIDDEN,
    /** The intent's own notBefore is still ahead. */
    NOT_YET,
    /** The window has room, but only in the share reserved for higher priorities. */
    PRIORITY_RESERVE
}
