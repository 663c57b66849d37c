package io.governor.streams.topology;

import static io.governor.streams.topology.GovernorTopologyTest.NO_RUNTIME_POLICIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.DeferralReason;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Priority;
import io.governor.schemas.json.GovernorJson;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.CircuitSpec;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.RetrySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Outcomes through the topology: decoding, retries and fallback hops over the re-key topic. */
class FeedbackTopologyTest {
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final long T0 = START.toEpochMilli();

    static AccountPolicy policy(RetrySpec retry, CircuitSpec circuit) {
        return new AccountPolicy(List.of(LimitSpec.rolling(100, Duration.ofMinutes(1))), 1.0, null, null, null,
                null, null, null, null, null, null, null, null, retry, circuit, null, null, null);
    }

    static Intent intent(String id, String account, List<String> fallbacks) {
        return new Intent(id, account, null, null, Priority.NORMAL, 1, null, null, null, null, fallbacks, null,
                null, null, T0);
    }

    static Outcome outcome(Permit p, int status, long at) {
        return new Outcome(p.intentId(), p.account(), p.lane(), p.attempt(), status, null, 10, null, null, at - 10,
                at, "test");
    }

    static Permit last(GovernorDriver g) {
        g.collect();
        return g.permitted.get(g.permitted.size() - 1);
    }

    @Test
    void shouldDeadLetterAMalformedOutcomeAndIgnoreAnUnknownOne() {
        try (var g = new GovernorDriver(new PolicyDocument(null, Map.of("api", policy(null, null))),
                NO_RUNTIME_POLICIES, START)) {
            g.sendRawOutcome("api", "{not json".getBytes(StandardCharsets.UTF_8));
            g.outcome(new Outcome("nobody", "api", null, 0, 200, null, 1, null, null, T0, T0, "x"));
            g.collect();
            assertEquals(1, g.dead.size());
            assertEquals(2 - 1, g.counters.outcomes(), "only the well-formed one is decoded");
            assertTrue(g.permitted.isEmpty() && g.rejected.isEmpty());
        }
    }

    @Test
    void shouldRetryA503AsAttemptOneAfterTheBackoff() {
        var retry = new RetrySpec(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(60), 1, 1);
        try (var g = new GovernorDriver(new PolicyDocument(null, Map.of("api", policy(retry, null))),
                NO_RUNTIME_POLICIES, START)) {
            g.send(intent("r", "api", null));
            Permit first = last(g);
            assertEquals(0, first.attempt());
            g.advance(Duration.ofMillis(400), Duration.ofMillis(20));
            g.outcome(outcome(first, 503, T0 + 400));
            g.collect();
            assertEquals(DeferralReason.NOT_YET, g.deferred.get(g.deferred.size() - 1).reason());
            g.advance(Duration.ofSeconds(3), Duration.ofMillis(20));
            Permit retry1 = last(g);
            assertEquals("r", retry1.intentId());
            assertEquals(1, retry1.attempt());
            assertTrue(retry1.notBefore() >= T0 + 400 + 2_000, "after the 2 s backoff: " + (retry1.notBefore() - T0));
        }
    }

    @Test
    void shouldPermitOnTheFallbackWhileTheCircuitIsOpenAndHoldItHomeWhenEveryCircuitIsOpen() {
        var circuit = new CircuitSpec(1, 1.0, Duration.ofMinutes(1), 100, Duration.ofSeconds(10), 1);
        var doc = new PolicyDocument(null, Map.of("main", policy(null, circuit), "spare", policy(null, circuit)));
        try (var g = new GovernorDriver(doc, NO_RUNTIME_POLICIES, START)) {
            g.send(intent("boom", "main", null));
            g.outcome(outcome(last(g), 503, T0 + 100));

            g.send(intent("x", "main", List.of("spare")));
            Permit x = last(g);
            assertEquals("x", x.intentId());
            assertEquals("spare", x.account(), "permitted on the fallback");
            assertTrue(g.deferred.stream().anyMatch(d -> d.intentId().equals("x")
                    && d.reason() == DeferralReason.CIRCUIT_OPEN), "the redirect is visible as CIRCUIT_OPEN");

            g.outcome(outcome(x, 503, T0 + 200)); // the spare's circuit opens too
            g.send(intent("y", "main", List.of("spare")));
            g.collect();
            assertTrue(g.permitted.stream().noneMatch(p -> p.intentId().equals("y")));
            assertTrue(g.rejected.stream().noneMatch(r -> r.intentId().equals("y")),
                    "back home it is no duplicate: " + g.rejected);
            g.advance(Duration.ofSeconds(11), Duration.ofMillis(100));
            Permit y = g.permitted.stream().filter(p -> p.intentId().equals("y")).findFirst().orElseThrow();
            assertEquals("main", y.account(), "held at home until the circuit let it go");
            assertTrue(y.notBefore() >= T0 + 10_000, "not before the cooldown ends");
        }
    }

    @Test
    void shouldIgnoreFallbackHeadersOnThePublicIntentsTopic() {
        var circuit = new CircuitSpec(1, 1.0, Duration.ofMinutes(1), 100, Duration.ofSeconds(10), 1);
        var doc = new PolicyDocument(null, Map.of("main", policy(null, circuit), "spare", policy(null, circuit)));
        try (var g = new GovernorDriver(doc, NO_RUNTIME_POLICIES, START)) {
            var forged = new RecordHeaders()
                    .add(GovernorProcessor.FALLBACK_OF, "main".getBytes(StandardCharsets.UTF_8))
                    .add(GovernorProcessor.FALLBACK_HOP, "0".getBytes(StandardCharsets.UTF_8));
            var topic = g.driver.createInputTopic(GovernorDriver.TOPICS.intents(), new StringSerializer(),
                    new ByteArraySerializer());
            topic.pipeInput(new TestRecord<>("spare", GovernorJson.toBytes(intent("f", "main", List.of("spare"))),
                    forged, START));
            Permit f = last(g);
            assertEquals("main", f.account(), "re-keyed to its own account, not treated as a hop");
        }
    }

    static AccountPolicy withConcurrency(int concurrency, Duration lease) {
        return new AccountPolicy(List.of(LimitSpec.rolling(100, Duration.ofMinutes(1))), 1.0, null, null,
                concurrency, lease, null, null, null, null, null, null, null, null, null,
                new io.governor.schemas.policy.ForbiddenSpec(Duration.ofHours(1)), null, null);
    }

    @Test
    void shouldHoldAtTheConcurrencyCapUntilTheLeaseEnds() {
        try (var g = new GovernorDriver(new PolicyDocument(null, Map.of("api",
                withConcurrency(1, Duration.ofSeconds(2)))), NO_RUNTIME_POLICIES, START)) {
            g.send(intent("a", "api", null));
            g.send(intent("b", "api", null));
            g.collect();
            assertEquals(1, g.permitted.size());
            assertEquals(DeferralReason.CONCURRENCY, g.deferred.get(0).reason());
            g.advance(Duration.ofMillis(2_000), Duration.ofMillis(20));
            assertEquals(1, g.permitted.size(), "the lease of a runs until notBefore + 2 s");
            g.advance(Duration.ofMillis(400), Duration.ofMillis(20));
            assertEquals("b", last(g).intentId());
        }
    }

    @Test
    void shouldPauseTheAccountForRetryAfter() {
        try (var g = new GovernorDriver(new PolicyDocument(null, Map.of("api", policy(null, null))),
                NO_RUNTIME_POLICIES, START)) {
            g.send(intent("a", "api", null));
            Permit a = last(g);
            g.outcome(new Outcome("a", "api", null, 0, 429, null, 10, 3_000L, null, T0, T0, "test"));
            g.send(intent("b", "api", null));
            g.collect();
            assertEquals(DeferralReason.PAUSED, g.deferred.get(g.deferred.size() - 1).reason());
            g.advance(Duration.ofMillis(3_500), Duration.ofMillis(20));
            Permit b = last(g);
            assertEquals("b", b.intentId());
            assertTrue(b.notBefore() >= T0 + 3_000, "not before the Retry-After");
            assertEquals(a.account(), b.account());
        }
    }

    @Test
    void shouldRejectA403AndHoldTheOthersForbiddenUntilTheirDeadline() {
        try (var g = new GovernorDriver(new PolicyDocument(null, Map.of("api",
                withConcurrency(10, Duration.ofSeconds(30)))), NO_RUNTIME_POLICIES, START)) {
            g.send(intent("a", "api", null));
            g.outcome(outcome(last(g), 403, T0 + 100));
            g.send(new Intent("w", "api", null, null, Priority.NORMAL, 1, null, null, T0 + 5_000, null, null, null,
                    null, null, T0));
            g.collect();
            assertEquals(io.governor.schemas.event.RejectionReason.FORBIDDEN, g.rejected.get(0).reason());
            assertEquals(DeferralReason.FORBIDDEN, g.deferred.get(g.deferred.size() - 1).reason());
            g.advance(Duration.ofSeconds(6), Duration.ofMillis(100));
            assertEquals(io.governor.schemas.event.RejectionReason.EXPIRED, g.rejected.get(1).reason());
            assertEquals(1, g.permitted.size());
        }
    }
}
