package io.governor.schemas.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Priority;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.json.EventDecodingException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GovernorJsonTest {

    private static EventDecodingException failure(String json, Class<?> type) {
        return assertThrows(EventDecodingException.class, () -> GovernorJson.decode(json, type));
    }

    @Test
    void shouldApplyIntentDefaultsWhenOptionalFieldsAreAbsent() {
        Intent intent = GovernorJson.decode("{\"id\":\"i-1\",\"account\":\"pncp\"}", Intent.class);
        assertEquals(1, intent.cost());
        assertEquals(Priority.NORMAL, intent.priority());
        assertTrue(intent.fallbacks().isEmpty());
    }

    @Test
    void shouldIgnoreUnknownFields() {
        Intent intent = GovernorJson.decode(
                "{\"id\":\"i-1\",\"account\":\"pncp\",\"futureField\":{\"x\":[1,2]},\"v2\":true}", Intent.class);
        assertEquals(Intent.of("i-1", "pncp"), intent);
    }

    @Test
    void shouldNameTheFieldOfWrongType() {
        EventDecodingException e = failure("{\"id\":\"i-1\",\"account\":\"pncp\",\"cost\":\"abc\"}", Intent.class);
        assertEquals(Reason.WRONG_TYPE, e.reason());
        assertEquals("cost", e.field());
        assertTrue(e.getMessage().contains("integer"), e.getMessage());
    }

    @Test
    void shouldRefuseNumbersWhereTextBelongsAndFractionsWhereIntegersBelong() {
        assertEquals("id", failure("{\"id\":5,\"account\":\"pncp\"}", Intent.class).field());
        assertEquals("cost", failure("{\"id\":\"i\",\"account\":\"pncp\",\"cost\":1.5}", Intent.class).field());
    }

    @Test
    void shouldNameNestedPathOfWrongType() {
        String json = "{\"at\":1,\"account\":\"a\",\"adaptiveFactor\":1.0,"
                + "\"windows\":[{\"window\":\"1s\",\"max\":5,\"effectiveMax\":5,\"used\":0,\"remaining\":5},"
                + "{\"window\":\"1h\",\"max\":\"many\",\"effectiveMax\":5,\"used\":0,\"remaining\":5}]}";
        EventDecodingException e = failure(json, QuotaSnapshot.class);
        assertEquals(Reason.WRONG_TYPE, e.reason());
        assertEquals("windows[1].max", e.field());
    }

    @Test
    void shouldNameNestedPathOfInvalidValue() {
        String json = "{\"at\":1,\"account\":\"a\",\"adaptiveFactor\":1.0,"
                + "\"windows\":[{\"window\":\"1s\",\"max\":0,\"effectiveMax\":5,\"used\":0,\"remaining\":5}]}";
        EventDecodingException e = failure(json, QuotaSnapshot.class);
        assertEquals(Reason.INVALID_VALUE, e.reason());
        assertEquals("windows[0].max", e.field());
    }

    @Test
    void shouldReportMissingRequiredFieldByName() {
        EventDecodingException e = failure("{\"id\":\"i-1\"}", Intent.class);
        assertEquals(Reason.MISSING_FIELD, e.reason());
        assertEquals("account", e.field());
        EventDecodingException primitive = failure(
                "{\"intentId\":\"i\",\"account\":\"a\",\"status\":200,\"startedAt\":5}", Outcome.class);
        assertEquals(Reason.MISSING_FIELD, primitive.reason());
        assertEquals("finishedAt", primitive.field());
    }

    @Test
    void shouldRefuseExplicitNullForRequiredField() {
        EventDecodingException e = failure("{\"id\":null,\"account\":\"a\"}", Intent.class);
        assertEquals(Reason.MISSING_FIELD, e.reason());
        assertEquals("id", e.field());
    }

    @Test
    void shouldReportOutOfRangeValuesAsInvalid() {
        EventDecodingException e = failure("{\"id\":\"i\",\"account\":\"a\",\"cost\":0}", Intent.class);
        assertEquals(Reason.INVALID_VALUE, e.reason());
        assertEquals("cost", e.field());
    }

    @Test
    void shouldListAllowedValuesOfAnUnknownEnumConstant() {
        EventDecodingException e = failure("{\"id\":\"i\",\"account\":\"a\",\"priority\":\"URGENT\"}", Intent.class);
        assertEquals(Reason.INVALID_VALUE, e.reason());
        assertEquals("priority", e.field());
        assertTrue(e.getMessage().contains("CRITICAL"), e.getMessage());
    }

    @Test
    void shouldTellMalformedJsonAndNonObjects() {
        assertEquals(Reason.MALFORMED_JSON, failure("{\"id\":\"i\",", Intent.class).reason());
        assertEquals(Reason.MALFORMED_JSON, failure("{\"id\":\"i\",\"account\":\"a\"} trailing", Intent.class).reason());
        assertEquals(Reason.MALFORMED_JSON, failure("[1,2]", Intent.class).reason());
        assertEquals(Reason.MALFORMED_JSON, failure("null", Intent.class).reason());
    }

    @Test
    void shouldTellEmptyInput() {
        assertEquals(Reason.EMPTY, failure("  ", Intent.class).reason());
        assertEquals(Reason.EMPTY, assertThrows(EventDecodingException.class,
                () -> GovernorJson.decode(new byte[0], Intent.class)).reason());
    }

    @Test
    void shouldReadBytesAsItReadsTheSameText() {
        // ASCII bytes are parsed as they are, other bytes through a String: both must answer as the text does.
        for (String json : java.util.List.of("{\"id\":\"i\",", "[1,2]", "null", "  \t\n", "{\"id\":\"i\"}",
                "{\"id\":\"i\",\"account\":\"a\",\"cost\":\"2\"}", "{\"id\":\"i\",\"account\":\"a\",\"cost\":1.5}",
                "{\"id\":\"i\",\"account\":\"a\",\"cost\":0}", "{\"id\":\"i\",\"account\":\"a\",\"cost\":4294967296}",
                "{\"id\":\"i\",\"account\":\"a\",\"cost\":null}", "{\"id\":\"caf\u00e9\",\"account\":\"a\",\"cost\":-3}",
                "{\"id\":\"i\",\"account\":\"a\",\"priority\":\"URGENT\"} x")) {
            EventDecodingException text = failure(json, Intent.class);
            EventDecodingException bytes = assertThrows(EventDecodingException.class,
                    () -> GovernorJson.decode(json.getBytes(StandardCharsets.UTF_8), Intent.class), json);
            assertEquals(text.reason(), bytes.reason(), json);
            assertEquals(text.field(), bytes.field(), json);
            assertEquals(text.getMessage(), bytes.getMessage(), json);
        }
        String ok = "{\"id\":\"caf\u00e9\",\"account\":\"a\",\"cost\":7}";
        assertEquals(GovernorJson.decode(ok, Intent.class), GovernorJson.decode(ok.getBytes(StandardCharsets.UTF_8), Intent.class));
        assertEquals(7, GovernorJson.decode(ok.getBytes(StandardCharsets.UTF_8), Intent.class).cost());
        assertEquals(1, GovernorJson.decode("{\"id\":\"i\",\"account\":\"a\"}".getBytes(StandardCharsets.UTF_8),
                Intent.class).cost(), "an absent cost is 1");
    }

    @Test
    void shouldTellBytesThatAreNotUtf8() {
        byte[] latin1 = "{\"id\":\"caf\u00e9\",\"account\":\"a\"}".getBytes(StandardCharsets.ISO_8859_1);
        EventDecodingException e = assertThrows(EventDecodingException.class, () -> GovernorJson.decode(latin1, Intent.class));
        assertEquals(Reason.NOT_UTF8, e.reason());
    }

    @Test
    void shouldOmitNullFieldsAndWriteEnumsByName() {
        String json = GovernorJson.toJson(Intent.of("i-1", "pncp"));
        assertFalse(json.contains("null"), json);
        assertTrue(json.contains("\"priority\":\"NORMAL\""), json);
        assertFalse(json.contains("success"), json);
    }

    @Test
    void shouldRoundTripUtf8Bytes() {
        Intent intent = Intent.of("café-日本", "pncp");
        byte[] bytes = GovernorJson.toBytes(intent);
        assertEquals(intent, GovernorJson.decode(bytes, Intent.class));
        assertArrayEquals(bytes, GovernorJson.toBytes(GovernorJson.decode(bytes, Intent.class)));
    }

    @Test
    void shouldNotWriteConvenienceViewsAsFields() {
        Outcome ok = new Outcome("i", "a", null, 0, 200, null, 5, null, null, 10, 15, null);
        String json = GovernorJson.toJson(ok);
        assertFalse(json.contains("success") || json.contains("rateLimited"), json);
    }
}
