package io.governor.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.RejectionReason;
import io.governor.schemas.policy.PolicyLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyHotReloadTest {
    static final String FILE = """
            accounts:
              api:
                limits: [ { max: 10, per: 1s } ]
            """;

    @Test
    void shouldApplyATightenedLimitToTheNextDecision() {
        try (var g = new GovernorDriver(PolicyLoader.parse("policy.yaml", FILE), AccountPolicyParser.STANDARD,
                Instant.EPOCH)) {
            g.policy("api", "{\"limits\":[{\"max\":2,\"per\":\"1s\"}]}");
            for (int i = 0; i < 10; i++) {
                g.send(Intent.of("t-" + i, "api"));
            }
            g.advance(Duration.ofSeconds(6), Duration.ofMillis(20));
            assertEquals(10, g.permitted.size());
            assertTrue(WindowOracle.maxInAnyRollingWindow(g.permitted, 1_000) <= 2);
        }
    }

    @Test
    void shouldReleaseWaitingIntentsSoonAfterTheirLimitIsRaised() {
        try (var g = new GovernorDriver(PolicyLoader.parse("policy.yaml", FILE), AccountPolicyParser.STANDARD,
                Instant.EPOCH)) {
            // SMOOTH (the default): the 1/h limit's next paced slot (+1 h) must not carry into the new windows.
            g.policy("api", "{\"limits\":[{\"max\":1,\"per\":\"1h\"}]}");
            for (int i = 0; i < 5; i++) {
                g.send(Intent.of("q-" + i, "api"));
            }
            g.advance(Duration.ofSeconds(1), Duration.ofMillis(20));
            assertEquals(1, g.permitted.size(), "one per hour");
            g.policy("api", "{\"limits\":[{\"max\":100,\"per\":\"1s\"}],\"pacing\":\"BURST\"}");
            g.advance(Duration.ofMillis(200), Duration.ofMillis(20));
            assertEquals(5, g.permitted.size(), () -> "the queue waited for the old hour: " + g.deferred + g.rejected + g.dead);
        }
    }

    @Test
    void shouldDeadLetterAnInvalidPolicyAndKeepTheOldOne() {
        try (var g = new GovernorDriver(PolicyLoader.parse("policy.yaml", FILE), AccountPolicyParser.STANDARD,
                Instant.EPOCH)) {
            g.policy("api", "{\"limits\":[{\"max\":2,\"per\":\"1s\"}]}");
            g.policy("api", "{\"limits\":[{\"max\":-1,\"per\":\"1s\"}]}");
            g.policy("api", "{\"limts\":[]}");
            for (int i = 0; i < 6; i++) {
                g.send(Intent.of("t-" + i, "api"));
            }
            g.advance(Duration.ofSeconds(4), Duration.ofMillis(20));
            assertEquals(2, g.dead.size());
            assertTrue(g.dead.get(0).error().contains("limits[0].max"), g.dead.get(0).error());
            assertTrue(g.dead.get(1).error().contains("limts"), g.dead.get(1).error());
            assertEquals("governor.policies", g.dead.get(0).topic());
            assertTrue(WindowOracle.maxInAnyRollingWindow(g.permitted, 1_000) <= 2, "the 2/s policy stays");
        }
    }

    @Test
    void shouldRemoveAnAccountOnATombstoneAndAddOneAtRunTime() {
        try (var g = new GovernorDriver(PolicyLoader.parse("policy.yaml", FILE), AccountPolicyParser.STANDARD,
                Instant.EPOCH)) {
            g.policy("api", null);
            g.policy("fresh", "{\"limits\":[{\"max\":5,\"per\":\"1s\"}]}");
            g.send(Intent.of("gone", "api"));
            g.send(Intent.of("new", "fresh"));
            g.collect();
            assertEquals(List.of(RejectionReason.UNKNOWN_ACCOUNT), g.rejected.stream().map(r -> r.reason()).toList());
            assertEquals(List.of("new"), g.permitted.stream().map(Permit::intentId).toList());
        }
    }
}
