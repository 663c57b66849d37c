package io.governor.schemas.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Priority;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    static Path resource(String name) {
        try {
            return Path.of(PolicyLoaderTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("missing test resource " + name, e);
        }
    }

    @Test
    void shouldLoadTheContractExample() {
        PolicyDocument doc = PolicyLoader.load(resource("policy/nsw-transport.yaml"));
        AccountPolicy p = doc.accounts().get("nsw-transport");
        assertEquals(List.of(LimitSpec.rolling(5, Duration.ofSeconds(1)),
                LimitSpec.calendar(60_000, Duration.ofDays(1), ZoneId.of("Australia/Sydney"))), p.limits());
        assertEquals(0.9, p.safety());
        assertEquals(Pacing.SMOOTH, p.pacing());
        assertEquals(Duration.ZERO, p.jitter());
        assertEquals(4, p.concurrency());
        assertEquals(Duration.ofSeconds(30), p.lease());
        assertEquals(Duration.ofMillis(50), p.validity());
        assertEquals(new QueueSpec(100_000), p.queue());
        assertEquals(0.8, p.shareOf(Priority.LOW));
        assertEquals(0.95, p.shareOf(Priority.NORMAL));
        assertEquals(new TenantSpec(List.of(LimitSpec.rolling(1, Duration.ofSeconds(1))), true, null), p.tenants());
        assertEquals(new JobSpec(5), p.job());
        assertEquals(List.of("ip-1", "ip-2", "ip-3"), p.lanes().members());
        assertEquals(List.of(LimitSpec.rolling(60, Duration.ofMinutes(1)), LimitSpec.rolling(1000, Duration.ofHours(1))),
                p.lanes().limits());
        assertEquals(new AdaptiveSpec(0.67, 0.05, 0.1, Duration.ofSeconds(30)), p.adaptive());
        assertEquals(new RetrySpec(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(60), 0.9, 1.6), p.retry());
        assertEquals(new CircuitSpec(5, 0.05, Duration.ofMinutes(2), 20, Duration.ofSeconds(60), 2), p.circuit());
        assertEquals(new ForbiddenSpec(Duration.ofHours(24)), p.forbidden());
        assertEquals(new AlertSpec(List.of(0.8, 0.95, 1.0), 0.05, 0.10), p.alerts());
        assertEquals(List.of("https://api.transport.nsw.gov.au/"), p.executor().allow());
        assertEquals(Duration.ofSeconds(10), p.executor().timeout());
        assertEquals(Map.of("User-Agent", "TransitApp/1.0 (ops@example.org)"), p.executor().headers());
        assertNull(doc.defaults(), "defaults without limits serve no unknown account");
        assertTrue(doc.policyFor("elsewhere").isEmpty());
    }

    @Test
    void shouldShipTheSameExampleInDocs() {
        assertEquals(PolicyLoader.load(resource("policy/nsw-transport.yaml")),
                PolicyLoader.load(Path.of("..", "docs", "examples", "policy.yaml")));
    }

    @Test
    void shouldReadJsonExactlyAsYaml() {
        assertEquals(PolicyLoader.load(resource("policy/nsw-transport.yaml")),
                PolicyLoader.load(resource("policy/nsw-transport.json")));
    }

    @Test
    void shouldRecogniseJsonByContentWhenTheNameSaysNothing() {
        PolicyDocument doc = PolicyLoader.parse("stdin", "{\"accounts\":{\"a\":{\"limits\":[{\"max\":2,\"per\":\"1m\"}]}}}");
        assertEquals(List.of(LimitSpec.rolling(2, Duration.ofMinutes(1))), doc.accounts().get("a").limits());
    }

    @Test
    void shouldMergeDefaultsIntoEveryAccountKeyByKey() {
        PolicyDocument doc = PolicyLoader.parse("policy.yaml", """
                defaults:
                  limits: [ { max: 10, per: 1s } ]
                  safety: 0.5
                  queue: { max: 7 }
                accounts:
                  a: { safety: 0.8 }
                  b: { limits: [ { max: 3, per: 1m } ], queue: { max: 9 } }
                """);
        AccountPolicy a = doc.accounts().get("a");
        assertEquals(List.of(LimitSpec.rolling(10, Duration.ofSeconds(1))), a.limits());
        assertEquals(0.8, a.safety());
        assertEquals(new QueueSpec(7), a.queue());
        AccountPolicy b = doc.accounts().get("b");
        assertEquals(List.of(LimitSpec.rolling(3, Duration.ofMinutes(1))), b.limits(), "an account's limits replace");
        assertEquals(0.5, b.safety());
        assertEquals(new QueueSpec(9), b.queue());
        assertNotNull(doc.defaults());
        assertEquals(doc.defaults(), doc.policyFor("unknown").orElseThrow(), "unknown accounts use the defaults");
        assertEquals(0.5, doc.defaults().safety());
        assertEquals(a, doc.policyFor("a").orElseThrow());
    }

    @Test
    void shouldTurnOnSectionsWrittenEmptyWithTheExampleValues() {
        AccountPolicy p = PolicyLoader.parse("policy.yaml", """
                accounts:
                  a: { limits: [ { max: 1, per: 1s } ], adaptive: {}, circuit: {}, retry: { backoff: 2m } }
                """).accounts().get("a");
        assertEquals(new AdaptiveSpec(0.67, 0.05, 0.1, Duration.ofSeconds(30)), p.adaptive());
        assertEquals(new CircuitSpec(5, 0.05, Duration.ofMinutes(2), 20, Duration.ofSeconds(60), 2), p.circuit());
        assertEquals(Duration.ofMinutes(2), p.retry().maxBackoff(), "the cap never falls below the backoff");
        assertNull(p.lanes());
        assertNull(p.concurrency());
    }

    @Test
    void shouldAcceptWholeNumbersWrittenWithAPoint() {
        AccountPolicy p = PolicyLoader.parse("policy.json",
                "{\"accounts\":{\"a\":{\"limits\":[{\"max\":5.0,\"per\":\"1s\"}]}}}").accounts().get("a");
        assertEquals(5, p.limits().get(0).max());
    }

    @Test
    void shouldMergeTopicRecordsOverTheFileDefaultsEvenWithoutLimits() {
        PolicyDocument doc = PolicyLoader.parse("policy.yaml",
                "defaults: { safety: 0.5, concurrency: 2 }\naccounts: {}\n");
        AccountPolicy p = PolicyLoader.parseAccount("governor.policies[x]",
                "{\"limits\":[{\"max\":5,\"per\":\"1s\"}],\"concurrency\":3}", doc);
        assertEquals(0.5, p.safety());
        assertEquals(3, p.concurrency());
        assertEquals(p, PolicyLoader.parseAccount("governor.policies[x]",
                "{\"limits\":[{\"max\":5,\"per\":\"1s\"}],\"concurrency\":3,\"safety\":0.5}"));
    }

    @Test
    void shouldTakeMissingFieldsFromADefaultsPolicy() {
        AccountPolicy defaults = PolicyLoader.parseAccount("d", "{\"limits\":[{\"max\":9,\"per\":\"1h\"}],\"safety\":0.7}");
        AccountPolicy p = PolicyLoader.parseAccount("governor.policies[y]", "{\"pacing\":\"burst\"}", defaults);
        assertEquals(defaults.limits(), p.limits());
        assertEquals(0.7, p.safety());
        assertEquals(Pacing.BURST, p.pacing());
        assertFalse(p.equals(defaults));
    }

    @Test
    void shouldIgnoreASchemaReference() {
        PolicyDocument doc = PolicyLoader.parse("policy.json",
                "{\"$schema\":\"./Policy.schema.json\",\"accounts\":{}}");
        assertTrue(doc.accounts().isEmpty());
    }
}
