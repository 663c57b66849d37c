package io.governor.schemas.json;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates JSON text against an event's shipped schema with the networknt validator (draft 2020-12). */
final class SchemaCheck {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<Class<?>, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private SchemaCheck() {
    }

    static List<Error> errors(Class<?> event, String json) {
        Schema schema = SCHEMAS.computeIfAbsent(event, e -> REGISTRY.getSchema(EventSchemas.text(e), InputFormat.JSON));
        return schema.validate(json, InputFormat.JSON);
    }
}
