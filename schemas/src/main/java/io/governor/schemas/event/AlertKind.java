package io.governor.schemas.event;

/** What an alert is about. */
public enum AlertKind {
    QUOTA_THRESHOLD, CIRCUIT_OPENED, CIRCUIT_CLOSED, FORBIDDEN, RATE_LIMITED_RATIO, ERROR_RATIO
}
