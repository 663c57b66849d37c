package io.governor.schemas.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.document.InvalidDocumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped Policy.schema.json and the loader agree on the examples and on the mistakes a schema can see. */
class PolicySchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"../docs/examples/policy.yaml", "src/test/resources/policy/nsw-transport.json"})
    void shouldAcceptTheExamples(String file) throws IOException {
        String text = Files.readString(Path.of(file));
        assertEquals(java.util.List.of(), DocumentSchemas.errors(DocumentSchemas.POLICY, text));
        PolicyLoader.parse(file, text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "limits: [ { max: 0, per: 1s } ]",
        "limits: [ { max: -5, per: 1s } ]",
        "limits: [ { max: \"5\", per: 1s } ]",
        "limits: [ { max: 5.5, per: 1s } ]",
        "limits: [ { max: 5, per: 1dd } ]",
        "limits: [ { max: 5, per: 2h, calendar: true } ]",
        "limits: [ { max: 5, per: 1d, zone: UTC } ]",
        "limits: [ { maxx: 5, per: 1s } ]",
        "{ limits: [ { max: 5, per: 1s } ], safety: 0 }",
        "{ limits: [ { max: 5, per: 1s } ], safety: 1.5 }",
        "{ limits: [ { max: 5, per: 1s } ], priorities: { URGENT: 0.5 } }",
        "{ limits: [ { max: 5, per: 1s } ], priorities: { LOW: 1.2 } }",
        "{ limits: [ { max: 5, per: 1s } ], lanes: { members: [ a, a ] } }",
        "{ limits: [ { max: 5, per: 1s } ], lanes: { members: [] } }",
        "{ limits: [ { max: 5, per: 1s } ], retry: { jitter: [ 1 ] } }",
        "{ limits: [ { max: 5, per: 1s } ], circuit: { errorRate: 2 } }",
        "{ limits: [ { max: 5, per: 1s } ], adaptive: { decrease: 1.5 } }",
        "{ limits: [ { max: 5, per: 1s } ], executor: { allow: [ \"ftp://x\" ] } }",
        "{ limits: [ { max: 5, per: 1s } ], queue: { max: -1 } }",
        "{ limmits: [ { max: 5, per: 1s } ] }",
    })
    void shouldRejectWhatTheLoaderRejects(String account) {
        String text = account.startsWith("{") ? "accounts: { a: " + account + " }\n" : "accounts: { a: { " + account + " } }\n";
        assertTrue(!DocumentSchemas.errors(DocumentSchemas.POLICY, text).isEmpty(), "schema accepted " + text);
        assertThrows(InvalidDocumentException.class, () -> PolicyLoader.parse("p.yaml", text));
    }
}
