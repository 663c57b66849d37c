package io.governor.schemas.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.document.InvalidDocumentException;
import io.governor.schemas.policy.DocumentSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped Scenario.schema.json and the loader agree on the examples and on the mistakes a schema can see. */
class ScenarioSchemaTest {
    private static final String HEAD = "duration: 6h\npolicy: { accounts: { a: { limits: [ { max: 1, per: 1s } ] } } }\n";

    @ParameterizedTest
    @ValueSource(strings = {"../docs/examples/scenario.yaml", "../docs/examples/nsw-scenario.yaml"})
    void shouldAcceptTheExamples(String file) throws IOException {
        assertEquals(List.of(), DocumentSchemas.errors(DocumentSchemas.SCENARIO, Files.readString(Path.of(file))));
        ScenarioLoader.load(Path.of(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "traffic: [ { account: a, rate: 2/x } ]",
        "traffic: [ { account: a, backlog: 0 } ]",
        "traffic: [ { account: a, backlog: 1, rate: 1/s } ]",
        "traffic: [ { account: a, rate: 1/s, shape: burst } ]",
        "traffic: [ { account: a, rate: 1/s, burstSize: 3 } ]",
        "traffic: [ { account: a, backlog: 1, tenat: x } ]",
        "traffic: []",
        "upstream: { a: { errorRate: 1.5 } }\ntraffic: [ { account: a, backlog: 1 } ]",
        "upstream: { a: { algorithm: leaky } }\ntraffic: [ { account: a, backlog: 1 } ]",
        "upstream: { a: { limits: [ { max: 0, per: 1s } ] } }\ntraffic: [ { account: a, backlog: 1 } ]",
        "seed: \"7\"\ntraffic: [ { account: a, backlog: 1 } ]",
    })
    void shouldRejectWhatTheLoaderRejects(String tail) {
        String text = HEAD + tail + "\n";
        assertTrue(!DocumentSchemas.errors(DocumentSchemas.SCENARIO, text).isEmpty(), "schema accepted " + text);
        assertThrows(InvalidDocumentException.class, () -> ScenarioLoader.parse("s.yaml", text, Path.of(".")));
    }
}
