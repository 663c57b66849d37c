package io.governor.streams.app;

import static io.governor.streams.app.AccountOwners.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.governor.schemas.event.Alert;
import io.governor.schemas.event.AlertKind;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Priority;
import io.governor.schemas.json.GovernorJson;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.CircuitSpec;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.testkit.KafkaFixture;
import io.governor.testkit.SharedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two governor instances; the primary account and its fallback are owned by different instances, so the
 * fallback hop crosses the re-key topic between them. Outcomes produced by the test (as an executor would) open
 * the primary's circuit, an intent with a fallback is then permitted on the fallback account, and after the
 * cooldown a successful probe closes the circuit and work returns to the primary. Alerts announce both changes.
 */
@ExtendWith(SharedKafkaBroker.class)
class GovernorCircuitFallbackIT {
    private static final String PRIMARY = "llm-primary";
    private static final Duration COOLDOWN = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Test
    void shouldMoveWorkToTheFallbackWhileTheCircuitIsOpenAndBackWhenAProbeSucceeds(KafkaFixture kafka,
                                                                                 @TempDir Path tmp)
            throws Exception {
        var topics = kafka.governorTopics();
        try (var a = instance(kafka, tmp.resolve("a")); var b = instance(kafka, tmp.resolve("b"))) {
            a.start();
            b.start();
            await("both instances RUNNING with tasks each", () -> running(a) && running(b));
            // The fallback is named at run time so that the other instance owns it: the hop crosses instances.
            HostInfo primaryOwner = owner(a, PRIMARY);
            String fallback = null;
            for (int i = 0; fallback == null && i < 200; i++) {
                if (!owner(a, "llm-fallback-" + i).equals(primaryOwner)) {
                    fallback = "llm-fallback-" + i;
                }
            }
            assertTrue(fallback != null, "some fallback name hashes to the other instance");
            assertNotEquals(primaryOwner, owner(b, fallback));

            // Two calls fail (503): consecutiveFailures 2 opens the primary's circuit.
            kafka.produce(topics.intents(), PRIMARY, intent("fail-1", List.of()));
            kafka.produce(topics.intents(), PRIMARY, intent("fail-2", List.of()));
            List<Permit> first = awaitPermits(kafka, 2, p -> p.intentId().startsWith("fail-"));
            for (Permit p : first) {
                assertEquals(PRIMARY, p.account());
                kafka.produce(topics.outcomes(), PRIMARY, outcome(p, 503));
            }
            Alert opened = awaitAlert(kafka, AlertKind.CIRCUIT_OPENED);
            assertEquals(PRIMARY, opened.account());

            // While open: an intent naming the fallback is permitted on it, across instances.
            long openedAt = System.currentTimeMillis();
            kafka.produce(topics.intents(), PRIMARY, intent("during-open", List.of(fallback)));
            Permit moved = awaitPermits(kafka, 1, p -> p.intentId().equals("during-open")).get(0);
            assertEquals(fallback, moved.account(), "the permit names the fallback account");
            assertTrue(System.currentTimeMillis() - openedAt < COOLDOWN.toMillis() + 2_000,
                    "moved while the circuit was open, not after it closed");
            kafka.produce(topics.outcomes(), fallback, outcome(moved, 200));

            // After the cooldown the primary admits a probe; its success closes the circuit.
            Thread.sleep(Math.max(0, COOLDOWN.toMillis() - (System.currentTimeMillis() - openedAt)) + 500);
            kafka.produce(topics.intents(), PRIMARY, intent("probe", List.of(fallback)));
            Permit probe = awaitPermits(kafka, 1, p -> p.intentId().equals("probe")).get(0);
            assertEquals(PRIMARY, probe.account(), "half-open: the primary takes a probe");
            kafka.produce(topics.outcomes(), PRIMARY, outcome(probe, 200));
            Alert closed = awaitAlert(kafka, AlertKind.CIRCUIT_CLOSED);
            assertEquals(PRIMARY, closed.account());

            kafka.produce(topics.intents(), PRIMARY, intent("after-close", List.of(fallback)));
            Permit back = awaitPermits(kafka, 1, p -> p.intentId().equals("after-close")).get(0);
            assertEquals(PRIMARY, back.account(), "closed again: work returns to the primary");
        }
    }

    private static boolean running(GovernorApp app) {
        return app.state().name().equals("RUNNING") && !app.streams().metadataForLocalThreads().stream()
                .allMatch(t -> t.activeTasks().isEmpty());
    }

    private static GovernorApp instance(KafkaFixture kafka, Path stateDir) {
        // HTTP on (ephemeral port) sets application.server, which interactive-query metadata needs to name owners.
        var options = GovernorInstanceMain.options(kafka.bootstrapServers(), stateDir, kafka.prefix())
                .withHttp(0, "127.0.0.1").withMetricsInterval(Duration.ofMillis(500));
        var circuit = new CircuitSpec(2, 1.0, Duration.ofMinutes(1), 100, COOLDOWN, 1);
        // Every other account falls to the defaults, so the fallback can be any name that hashes to the other
        // instance.
        return new GovernorApp(options, new PolicyDocument(policy(null), Map.of(PRIMARY, policy(circuit))),
                GovernorInstanceMain.noRuntimePolicies(), GovernorInstanceMain.FAST_FAILOVER);
    }

    private static AccountPolicy policy(CircuitSpec circuit) {
        return new AccountPolicy(List.of(LimitSpec.rolling(100, Duration.ofMinutes(1))), 1.0, null, null, null,
                null, null, null, null, null, null, null, null, null, circuit, null, null, null);
    }

    private static Intent intent(String id, List<String> fallbacks) {
        return new Intent(id, PRIMARY, null, null, Priority.NORMAL, 1, null, null, null, null, fallbacks, null, null,
                null, System.currentTimeMillis());
    }

    private static Outcome outcome(Permit p, int status) {
        long now = System.currentTimeMillis();
        return new Outcome(p.intentId(), p.account(), p.lane(), p.attempt(), status, null, 5, null, null, now - 5,
                now, "it-executor");
    }

    private static List<Permit> awaitPermits(KafkaFixture kafka, int n, Predicate<Permit> wanted) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Permit> found = kafka.readAll(kafka.governorTopics().permits(), WAIT).stream()
                    .map(ConsumerRecord::value).map(v -> GovernorJson.decode(v, Permit.class)).filter(wanted)
                    .toList();
            if (found.size() >= n) {
                assertEquals(n, found.size(), "each intent permitted once: " + found);
                return found;
            }
            if (System.nanoTime() > end) {
                fail("expected " + n + " permits within " + WAIT + ", found " + found);
            }
            Thread.sleep(200);
        }
    }

    private static Alert awaitAlert(KafkaFixture kafka, AlertKind kind) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            var found = kafka.readAll(kafka.governorTopics().alerts(), WAIT).stream().map(ConsumerRecord::value)
                    .map(v -> GovernorJson.decode(v, Alert.class)).filter(x -> x.kind() == kind).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > end) {
                fail("no " + kind + " alert within " + WAIT);
            }
            Thread.sleep(200);
        }
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                fail("not within 60 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
