package io.governor.schemas.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.governor.schemas.event.EncodedPayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON configuration of Governor, shared by every reader and writer of events, so that what one module
 * writes another reads the same way. Reading is as strict as the JSON Schemas (no "5" for 5, no 1.5 for an
 * integer) except that unknown fields are ignored, for forward compatibility; writing omits null fields.
 */
public final class GovernorJson {
    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();
    /** A writer per event type, its serializer found once: {@code writeValueAsBytes} looks it up on every call. */
    private static final ClassValue<ObjectWriter> WRITERS = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return MAPPER.writerFor(type);
        }
    };
    /** A reader per event type: {@code readValue(json, Class)} resolves the type on every call. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type);
        }
    };

    private GovernorJson() {
    }

    /** The shared mapper. Do not reconfigure it; build your own from {@link #configure} instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies Governor's settings to a mapper builder (a YAML one, say) and returns it. */
    public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .disable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                // Scalars must have the JSON type the schema says: no number or boolean read as a string.
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfigDefaults(config -> config
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
    }

    /** {@code event} as UTF-8 JSON bytes. */
    public static byte[] toBytes(Object event) {
        try {
            return WRITERS.get(event.getClass()).writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code event} as a JSON string. */
    public static String toJson(Object event) {
        return new String(toBytes(event), StandardCharsets.UTF_8);
    }

    /**
     * Reads one event of {@code type} from UTF-8 JSON bytes.
     *
     * @throws EventDecodingException naming the reason and, when there is one, the field at fault
     */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null || bytes.length == 0) {
            throw empty(type);
        }
        if (isAscii(bytes)) {
            // The usual event: ASCII is UTF-8 as it stands, so it is parsed from its bytes with no String made.
            // Anything else takes the strict check first, so bad UTF-8 is still told as NOT_UTF8, not as bad JSON.
            if (isBlank(bytes)) {
                throw empty(type);
            }
            return read(type, r -> r.readValue(bytes));
        }
        String text = EncodedPayload.decodeUtf8(bytes).orElseThrow(() -> new EventDecodingException(
                EventDecodingException.Reason.NOT_UTF8, null,
                "input is not valid UTF-8 (" + bytes.length + " bytes): expected a JSON " + type.getSimpleName(), null));
        return decode(text, type);
    }

    /** Reads one event of {@code type} from JSON text; failures as {@link #decode(byte[], Class)}. */
    public static <T> T decode(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw empty(type);
        }
        return read(type, r -> r.readValue(json));
    }

    private interface Source {
        Object readWith(ObjectReader reader) throws IOException;
    }

    private static <T> T read(Class<T> type, Source source) {
        Object value;
        try {
            value = source.readWith(READERS.get(type));
        } catch (JsonProcessingException e) {
            throw DecodingFailures.classify(e, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array or a String does no I/O
        }
        if (value == null) {
            throw new EventDecodingException(EventDecodingException.Reason.MALFORMED_JSON, null,
                    "JSON null: expected a " + type.getSimpleName() + " object", null);
        }
        return type.cast(value);
    }

    private static EventDecodingException empty(Class<?> type) {
        return new EventDecodingException(EventDecodingException.Reason.EMPTY, null,
                "empty input: expected a JSON " + type.getSimpleName(), null);
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether every byte is white space as {@link String#isBlank} sees it in ASCII. */
    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
