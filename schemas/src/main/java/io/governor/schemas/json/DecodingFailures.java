package io.governor.schemas.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.governor.schemas.InvalidFieldException;
import io.governor.schemas.MissingFieldException;
import io.governor.schemas.json.EventDecodingException.Reason;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/** Turns Jackson's failures into an {@link EventDecodingException} that names the reason and the JSON path. */
final class DecodingFailures {
    private DecodingFailures() {
    }

    static EventDecodingException classify(JsonProcessingException e, Class<?> type) {
        String event = type.getSimpleName();
        if (e instanceof StreamReadException) {
            return new EventDecodingException(Reason.MALFORMED_JSON, null,
                    "malformed JSON for " + event + ": " + e.getOriginalMessage(), e);
        }
        String path = e instanceof JsonMappingException m ? path(m) : "";
        if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidFieldException invalid) {
            String field = path.isEmpty() ? invalid.field() : path + "." + invalid.field();
            return invalid instanceof MissingFieldException
                    ? missing(event, field, e)
                    : new EventDecodingException(Reason.INVALID_VALUE, field,
                            event + "." + field + " " + invalid.problem(), e);
        }
        if (e instanceof InvalidNullException nul) {
            String field = path.isEmpty() && nul.getPropertyName() != null ? nul.getPropertyName().getSimpleName() : path;
            return missing(event, field, e);
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return new EventDecodingException(Reason.INVALID_VALUE, path, event + "." + path + " must be one of "
                    + Arrays.toString(format.getTargetType().getEnumConstants()) + ", was " + quoted(format.getValue()), e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (path.isEmpty()) {
                return new EventDecodingException(Reason.MALFORMED_JSON, null,
                        "expected a JSON object for " + event + ": " + e.getOriginalMessage(), e);
            }
            return new EventDecodingException(Reason.WRONG_TYPE, path,
                    event + "." + path + " must be " + jsonType(mismatch.getTargetType()), e);
        }
        return new EventDecodingException(Reason.INVALID_VALUE, path.isEmpty() ? null : path,
                "invalid " + event + (path.isEmpty() ? "" : " at " + path) + ": " + e.getOriginalMessage(), e);
    }

    private static EventDecodingException missing(String event, String field, Exception cause) {
        return new EventDecodingException(Reason.MISSING_FIELD, field,
                event + "." + field + " is required but missing or null", cause);
    }

    /** Jackson's reference chain as a JSON path: {@code windows[0].max}. */
    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String jsonType(Class<?> target) {
        if (target == null) {
            return "of another JSON type";
        }
        if (target == int.class || target == long.class || target == short.class || target == Integer.class
                || target == Long.class || target == Short.class) {
            return "an integer";
        }
        if (target == double.class || target == float.class || Number.class.isAssignableFrom(target)) {
            return "a number";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "a boolean";
        }
        if (target == String.class || target.isEnum()) {
            return "a string";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "an object";
        }
        return "a " + target.getSimpleName();
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
