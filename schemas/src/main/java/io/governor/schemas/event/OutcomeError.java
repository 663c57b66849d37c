package io.governor.schemas.event;

/** Why a call produced no HTTP answer, or was not made. */
public enum OutcomeError {
    TIMEOUT, CONNECT, IO, PERMIT_EXPIRED, DISALLOWED_URL
}
