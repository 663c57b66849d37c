package io.governor.schemas.event;

import io.governor.schemas.InvalidFieldException;

/** Field checks shared by the event records' constructors, so every message names the field the same way. */
final class EventChecks {
    private EventChecks() {
    }

    static void requireText(String field, String value, int maxLength) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        if (value.isEmpty() || value.length() > maxLength) {
            throw new InvalidFieldException(field, "must be 1.." + maxLength + " characters, was " + value.length());
        }
    }
}
