package io.governor.schemas.event;

import io.governor.schemas.InvalidFieldException;
import io.governor.schemas.MissingFieldException;

/** Field checks shared by the event records' constructors, so every message names the field the same way. */
final class EventChecks {
    static final int NAME_MAX = 512;
    static final int ID_MAX = 128;

    private EventChecks() {
    }

    static void requireText(String field, String value, int maxLength) {
        if (value == null) {
            throw new MissingFieldException(field);
        }
        if (value.isEmpty() || value.length() > maxLength) {
            throw new InvalidFieldException(field, "must be 1.." + maxLength + " characters, was " + value.length());
        }
    }

    /** Optional text: null is fine, but present text obeys the same length bounds. */
    static void optionalText(String field, String value, int maxLength) {
        if (value != null) {
            requireText(field, value, maxLength);
        }
    }

    static <T> T requirePresent(String field, T value) {
        if (value == null) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    static void requireAtLeast(String field, long value, long min) {
        if (value < min) {
            throw new InvalidFieldException(field, "must be >= " + min + ", was " + value);
        }
    }

    static void requireBetween(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidFieldException(field, "must be in [" + min + ", " + max + "], was " + value);
        }
    }

    static void optionalAtLeast(String field, Long value, long min) {
        if (value != null) {
            requireAtLeast(field, value, min);
        }
    }

    static void requireNotBefore(String field, long value, String earlierField, long earlier) {
        if (value < earlier) {
            throw new InvalidFieldException(field, "must be >= " + earlierField + " (" + earlier + "), was " + value);
        }
    }
}
