package io.governor.schemas.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import io.governor.schemas.event.EventArbitraries;
import io.governor.schemas.event.Required;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The Java records and the shipped JSON Schemas describe the same events. */
class EventSchemaProperties {

    @Provide
    Arbitrary<Record> events() {
        return EventArbitraries.anyEvent();
    }

    @Property(tries = 300)
    void everyValidEventMatchesItsSchemaAndRoundTrips(@ForAll("events") Record event) {
        String json = GovernorJson.toJson(event);
        List<Error> errors = SchemaCheck.errors(event.getClass(), json);
        assertTrue(errors.isEmpty(), () -> json + " breaks " + event.getClass().getSimpleName() + " schema: " + errors);
        assertEquals(event, GovernorJson.decode(json, event.getClass()));
    }

    /**
     * Removing any field, at any depth, fails the schema exactly when it fails the record, and the record's
     * failure names the removed field as MISSING_FIELD.
     */
    @Property(tries = 150)
    void schemaAndRecordAgreeOnWhichFieldsAreRequired(@ForAll("events") Record event) throws IOException {
        ObjectNode root = (ObjectNode) GovernorJson.mapper().readTree(GovernorJson.toJson(event));
        JsonNode schema = GovernorJson.mapper().readTree(EventSchemas.text(event.getClass()));
        for (Location field : fields(root, schema, schema, "", "")) {
            ObjectNode copy = root.deepCopy();
            ((ObjectNode) copy.at(field.parentPointer())).remove(field.name());
            String json = copy.toString();
            List<Error> errors = SchemaCheck.errors(event.getClass(), json);
            if (field.required()) {
                assertTrue(errors.stream().anyMatch(e -> "required".equals(e.getKeyword())
                        && field.name().equals(e.getProperty())), () -> "schema accepts " + json + " without " + field);
                var failure = assertThrows(EventDecodingException.class, () -> GovernorJson.decode(json, event.getClass()),
                        () -> "record accepts " + json + " without " + field);
                assertEquals(EventDecodingException.Reason.MISSING_FIELD, failure.reason(), failure::getMessage);
                assertEquals(field.path(), failure.field());
            } else {
                assertTrue(errors.isEmpty(), () -> "schema needs optional " + field + ": " + errors);
                GovernorJson.decode(json, event.getClass());
            }
        }
    }

    /** A value of the wrong JSON type anywhere fails the schema and the record, which names the field. */
    @Property(tries = 100)
    void wrongTypeIsRefusedNamingTheField(@ForAll("events") Record event) throws IOException {
        ObjectNode root = (ObjectNode) GovernorJson.mapper().readTree(GovernorJson.toJson(event));
        JsonNode schema = GovernorJson.mapper().readTree(EventSchemas.text(event.getClass()));
        for (Location field : fields(root, schema, schema, "", "")) {
            if (field.acceptsBoolean()) {
                continue;
            }
            ObjectNode copy = root.deepCopy();
            ((ObjectNode) copy.at(field.parentPointer())).set(field.name(), BooleanNode.TRUE);
            String json = copy.toString();
            assertTrue(!SchemaCheck.errors(event.getClass(), json).isEmpty(), () -> "schema accepts " + json);
            var failure = assertThrows(EventDecodingException.class, () -> GovernorJson.decode(json, event.getClass()),
                    () -> "record accepts " + json);
            assertEquals(EventDecodingException.Reason.WRONG_TYPE, failure.reason(), failure::getMessage);
            assertEquals(field.path(), failure.field());
        }
    }

    @Test
    void requiredMarksOnRecordsMatchSchemaRequiredLists() throws IOException {
        for (Class<? extends Record> event : EventSchemas.events()) {
            JsonNode schema = GovernorJson.mapper().readTree(EventSchemas.text(event));
            Set<String> inSchema = new TreeSet<>();
            schema.get("required").forEach(n -> inSchema.add(n.asText()));
            Set<String> marked = new TreeSet<>();
            for (RecordComponent c : event.getRecordComponents()) {
                if (c.isAnnotationPresent(Required.class)) {
                    marked.add(c.getName());
                }
            }
            assertEquals(inSchema, marked, event.getSimpleName());
        }
    }

    /** A field present in a sample, with where it is and what its schema says. */
    private record Location(String parentPointer, String name, String path, boolean required, boolean acceptsBoolean) {
    }

    private static List<Location> fields(JsonNode node, JsonNode schema, JsonNode root, String pointer, String path) {
        JsonNode s = resolve(schema, root);
        List<Location> found = new ArrayList<>();
        Set<String> required = new TreeSet<>();
        s.path("required").forEach(n -> required.add(n.asText()));
        node.fieldNames().forEachRemaining(name -> {
            JsonNode valueSchema = resolve(s.path("properties").path(name), root);
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            found.add(new Location(pointer, name, fieldPath, required.contains(name),
                    valueSchema.path("type").toString().contains("boolean")));
            JsonNode value = node.get(name);
            if (value.isObject() && valueSchema.has("properties")) {
                found.addAll(fields(value, valueSchema, root, pointer + "/" + name, fieldPath));
            } else if (value.isArray() && valueSchema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isObject()) {
                        found.addAll(fields(value.get(i), valueSchema.get("items"), root, pointer + "/" + name + "/" + i,
                                fieldPath + "[" + i + "]"));
                    }
                }
            }
        });
        return found;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        return schema.has("$ref") ? root.at(schema.get("$ref").asText().substring(1)) : schema;
    }
}
