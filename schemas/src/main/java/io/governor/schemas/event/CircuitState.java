package io.governor.schemas.event;

/** State of an account's circuit breaker; FORBIDDEN is the long pause after a 403. */
public enum CircuitState {
    CLOSED, OPEN, HALF_OPEN, FORBIDDEN
}
