package io.governor.core.feedback;

/**
 * Something an outcome changed that people may want to hear about: a circuit opened or closed, or the upstream
 * answered 403. {@code lane} is null for the account as a whole; {@code at} is the time of the change.
 * Collected by the admission until its host drains them (transient: not part of the persisted state).
 */
public record FeedbackSignal(Kind kind, String lane, long at, String message) {

    /** What changed. */
    public enum Kind { CIRCUIT_OPENED, CIRCUIT_CLOSED, FORBIDDEN }

    public FeedbackSignal {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
    }
}
