package io.governor.core.decision;

/** Why an intent waits; mirrors the contract's Deferral reasons. */
public enum DeferReason {
    /** A window or the pacing of the account, a lane or a tenant is full. */
    RATE_LIMIT,
    /** Too many permits without an outcome (later issue). */
    CONCURRENCY,
    /** The account's circuit is open (later issue). */
    CIRCUIT_OPEN,
    /** The account or lane is paused, e.g. after a 403 (seam: {@code pauseUntil}). */
    PAUSED,
    /** The upstream refused this account (later issue). */
    FORBIDDEN,
    /** The intent's own notBefore is still ahead. */
    NOT_YET,
    /** The window has room, but only in the share reserved for higher priorities. */
    PRIORITY_RESERVE
}
