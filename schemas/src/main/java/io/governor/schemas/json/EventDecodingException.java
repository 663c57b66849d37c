package io.governor.schemas.json;

/**
 * Bytes that are not a valid event. {@link #reason()} is a stable code for machines, {@link #field()} the JSON
 * path at fault (e.g. {@code windows[0].max}, null when the problem is not one field's), and the message a
 * sentence for humans — together what a dead letter records.
 */
public class EventDecodingException extends RuntimeException {

    /** What kind of problem the input has. */
    public enum Reason {
        /** Not parseable as JSON, or not a JSON object. */
        MALFORMED_JSON,
        /** A required field is absent or null. */
        MISSING_FIELD,
        /** A field holds the wrong JSON type, e.g. a string where an integer belongs. */
        WRONG_TYPE,
        /** A field has the right type but a value the contract forbids, e.g. {@code cost: 0}. */
        INVALID_VALUE,
        /** The bytes are not well-formed UTF-8. */
        NOT_UTF8,
        /** No content at all (zero bytes or only whitespace). */
        EMPTY
    }

    private final Reason reason;
    private final String field;

    public EventDecodingException(Reason reason, String field, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** JSON path of the offending field, or null. */
    public String field() {
        return field;
    }
}
