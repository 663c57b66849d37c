package io.governor.schemas.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.UncheckedIOException;
import java.util.List;

/** Validates policy and scenario text (YAML or JSON) against the shipped document schemas. */
public final class DocumentSchemas {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    public static final Schema POLICY = REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/Policy.schema.json"));
    public static final Schema SCENARIO = REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/Scenario.schema.json"));
    private static final YAMLMapper YAML = new YAMLMapper();

    private DocumentSchemas() {
    }

    public static List<Error> errors(Schema schema, String yamlOrJson) {
        try {
            return schema.validate(YAML.readTree(yamlOrJson).toString(), InputFormat.JSON);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
