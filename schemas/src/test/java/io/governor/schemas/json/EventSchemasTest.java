package io.governor.schemas.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Priority;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    @Test
    void shouldShipADraft202012SchemaTitledAfterEachEvent() throws IOException {
        for (Class<? extends Record> event : EventSchemas.events()) {
            JsonNode schema = GovernorJson.mapper().readTree(EventSchemas.text(event));
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
            assertEquals(event.getSimpleName(), schema.get("title").asText());
            assertEquals(true, schema.get("additionalProperties").asBoolean(), "forward compatible: " + event);
        }
    }

    @Test
    void shouldNameTheResourceAfterTheEvent() {
        assertEquals("schemas/Permit.schema.json", EventSchemas.resourceName(Permit.class));
    }

    @Test
    void shouldRefuseClassesThatAreNotEvents() {
        assertThrows(IllegalArgumentException.class, () -> EventSchemas.resourceName(Priority.class));
    }
}
