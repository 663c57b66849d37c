package io.governor.streams.app;

import static io.governor.streams.app.AccountOwners.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.governor.schemas.event.Alert;
import io.governor.schemas.event.AlertKind;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.AlertSpec;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.Pacing;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.streams.http.PrometheusText;
import io.governor.streams.observe.QuotaStore;
import io.governor.testkit.KafkaFixture;
import io.governor.testkit.SharedKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two governor instances on one broker, each with its HTTP endpoint: any instance answers /quotas/{account} for
 * an account the other owns (Streams interactive queries), /metrics is a Prometheus scrape holding the governor's
 * meters and Kafka Streams' own, and snapshots and a quota alert reach their topics.
 */
@ExtendWith(SharedKafkaBroker.class)
class GovernorObservabilityIT {
    static final int ACCOUNTS = 12;
    static final int INTENTS_EACH = 3;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswerQuotasFromTheOwnerWhicheverInstanceIsAskedAndExposeTheMeters(KafkaFixture kafka,
                                                                                 @TempDir Path tmp)
            throws Exception {
        var topics = kafka.governorTopics();
        try (var a = instance(kafka, tmp.resolve("a")); var b = instance(kafka, tmp.resolve("b"))) {
            a.start();
            b.start();
            await(Duration.ofSeconds(60), "both instances RUNNING with tasks each",
                    () -> a.state().name().equals("RUNNING") && b.state().name().equals("RUNNING")
                            && !a.streams().metadataForLocalThreads().stream()
                            .allMatch(t -> t.activeTasks().isEmpty())
                            && !b.streams().metadataForLocalThreads().stream()
                            .allMatch(t -> t.activeTasks().isEmpty()));

            List<KafkaFixture.KeyValue> intents = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                for (int n = 0; n < INTENTS_EACH; n++) {
                    intents.add(new KafkaFixture.KeyValue("acct-" + i, Intent.of("i-" + i + "-" + n, "acct-" + i)));
                }
            }
            for (int n = 0; n < 4; n++) {
                intents.add(new KafkaFixture.KeyValue("hot", Intent.of("hot-" + n, "hot")));
            }
            kafka.produce(topics.intents(), intents);

            // An account of each instance, asked of the other one.
            Map<Integer, String> ownedBy = new HashMap<>();
            for (int i = 0; i < ACCOUNTS && ownedBy.size() < 2; i++) {
                ownedBy.putIfAbsent(owner(a, "acct-" + i).port(), "acct-" + i);
            }
            assertEquals(2, ownedBy.size(), "both instances own accounts: " + ownedBy);
            for (GovernorApp asked : List.of(a, b)) {
                GovernorApp owner = asked == a ? b : a;
                String account = ownedBy.get(owner.httpPort());
                assertNotEquals(asked.httpPort(), owner(asked, account).port());
                List<QuotaSnapshot> snapshots = awaitSnapshots(asked, account);
                QuotaSnapshot whole = snapshots.get(0);
                assertEquals(account, whole.account());
                assertEquals(null, whole.lane());
                QuotaSnapshot.WindowUsage minute = whole.windows().stream()
                        .filter(w -> w.window().contains("1m")).findFirst().orElseThrow();
                assertEquals(INTENTS_EACH, minute.used(), "the owner's count of permits, asked of the other");
                assertEquals(1000 - INTENTS_EACH, minute.remaining());
            }

            List<String> expected = new ArrayList<>(List.of("hot"));
            for (int i = 0; i < ACCOUNTS; i++) {
                expected.add("acct-" + i);
            }
            List<String> gathered = List.of();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!gathered.containsAll(expected) && System.nanoTime() < end) {
                HttpResponse<String> all = get(a, "/quotas");
                assertEquals(200, all.statusCode(), all.body());
                gathered = QuotaStore.decode(all.body()).stream().map(QuotaSnapshot::account).distinct().toList();
                Thread.sleep(200);
            }
            assertTrue(gathered.containsAll(expected), "/quotas gathers every instance's accounts: " + gathered);

            assertEquals(200, get(a, "/health").statusCode());
            assertEquals(200, get(b, "/health/live").statusCode());

            String ownerOfHot = owner(a, "hot").port() == a.httpPort() ? "a" : "b";
            Map<String, Double> scrape = PrometheusText.parse(get(ownerOfHot.equals("a") ? a : b, "/metrics")
                    .body());
            assertEquals(4.0, scrape.get("governor_permits_total{account=\"hot\",lane=\"\",priority=\"NORMAL\"}"),
                    "the owner's permits meter");
            assertEquals(4.0, scrape.get("governor_window_used{account=\"hot\",lane=\"\",window=\"1m\"}"));
            assertTrue(scrape.containsKey("governor_wait_seconds{account=\"hot\",lane=\"\",quantile=\"0.99\"}"));
            assertTrue(scrape.keySet().stream().anyMatch(k -> k.startsWith("kafka_stream")),
                    "Kafka Streams' own metrics through the binder");

            // A snapshot may catch the window half full first: then 50%, then 100%; each threshold once.
            List<Alert> alerts = kafka.consumeUntil(topics.alerts(), 1, Duration.ofSeconds(30), Alert.class);
            if (alerts.get(0).threshold() == 0.5) {
                alerts = kafka.consumeUntil(topics.alerts(), 2, Duration.ofSeconds(30), Alert.class);
            }
            Alert full = alerts.get(alerts.size() - 1);
            assertEquals(AlertKind.QUOTA_THRESHOLD, full.kind());
            assertEquals("hot", full.account());
            assertEquals(1.0, full.threshold(), "4 of 4 in 1m: " + alerts);
            assertTrue(alerts.stream().allMatch(x -> x.account().equals("hot")), "no other account is near a line");
            List<QuotaSnapshot> published = kafka.consumeUntil(topics.metrics(), ACCOUNTS, Duration.ofSeconds(30),
                    QuotaSnapshot.class);
            assertTrue(published.stream().anyMatch(s -> s.counts().permitted() > 0), "counts since the last one");
        }
    }

    private static GovernorApp instance(KafkaFixture kafka, Path stateDir) {
        var options = GovernorInstanceMain.options(kafka.bootstrapServers(), stateDir, kafka.prefix())
                .withHttp(0, "127.0.0.1").withMetricsInterval(Duration.ofMillis(300));
        return new GovernorApp(options, policy(), GovernorInstanceMain.noRuntimePolicies(),
                GovernorInstanceMain.FAST_FAILOVER);
    }

    /** acct-i: 50/s and 1000/min; hot: 4/min all at once, with alerts at 50% and 100%. */
    private static PolicyDocument policy() {
        Map<String, AccountPolicy> accounts = new HashMap<>(GovernorInstanceMain.policy().accounts());
        accounts.put("hot", new AccountPolicy(List.of(LimitSpec.rolling(4, Duration.ofMinutes(1))), 1.0,
                Pacing.BURST,
                null, null, null, null, null, null, null, null, null, null, null, null, null,
                new AlertSpec(List.of(0.5, 1.0), null, null), null));
        return new PolicyDocument(null, accounts);
    }

    private List<QuotaSnapshot> awaitSnapshots(GovernorApp asked, String account) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < end) {
            last = get(asked, "/quotas/" + account);
            if (last.statusCode() == 200) {
                List<QuotaSnapshot> s = QuotaStore.decode(last.body());
                if (s.get(0).windows().stream().anyMatch(w -> w.window().contains("1m") && w.used() == INTENTS_EACH)) {
                    return s;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no snapshot of " + account + " with its permits within 30 s; last answer "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private HttpResponse<String> get(GovernorApp app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(Duration timeout, String what, Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                fail("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
