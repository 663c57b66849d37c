package io.governor.core.feedback;

import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;

/** What an Outcome means to the feedback rules. */
public enum OutcomeClass {
    /** 2xx, or any answer that says the upstream works (4xx other than 403 and 429). */
    OK,
    RATE_LIMITED,
    FORBIDDEN,
    SERVER_ERROR,
    TIMEOUT,
    CONNECT,
    /** An I/O failure other than a timeout or a refused connection. */
    IO,
    /** The call was never made (permit expired, URL not allowed): says nothing about the upstream. */
    NOT_SENT;

    public static OutcomeClass of(Outcome o) {
        if (o.error() != null) {
            OutcomeError e = o.error();
            switch (e) {
                case TIMEOUT:
                    return TIMEOUT;
                case CONNECT:
                    return CONNECT;
                case IO:
                    return IO;
                default:
                    return NOT_SENT;
            }
        }
        if (o.status() == 429) {
            return RATE_LIMITED;
        }
        if (o.status() == 403) {
            return FORBIDDEN;
        }
        if (o.status() >= 500) {
            return SERVER_ERROR;
        }
        return o.status() == 0 ? NOT_SENT : OK;
    }

    /** 429, 5xx, timeouts and connect errors are retried while attempts are left. */
    public boolean retryable() {
        return this == RATE_LIMITED || this == SERVER_ERROR || this == TIMEOUT || this == CONNECT;
    }

    /** What counts against a circuit: the upstream (or the path to it) failed. */
    public boolean circuitFailure() {
        return this == SERVER_ERROR || this == TIMEOUT || this == CONNECT || this == IO;
    }

    /** What counts as a call for the circuit's error rate. */
    public boolean reachedCircuit() {
        return this != NOT_SENT && this != FORBIDDEN && this != RATE_LIMITED;
    }
}
