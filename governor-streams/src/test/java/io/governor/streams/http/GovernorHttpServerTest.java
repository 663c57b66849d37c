package io.governor.streams.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.decision.AdmissionDecision;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.streams.observe.GovernorMeters;
import io.governor.streams.observe.QuotaObserver;
import io.governor.streams.observe.QuotaStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GovernorHttpServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<GovernorHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(GovernorHttpServer::close);
    }

    @Test
    void shouldServeTheMetersInPrometheusTextFormat() throws Exception {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var observer = new QuotaObserver(new GovernorMeters(registry));
        observer.decided("api", new AdmissionDecision.Permitted(Intent.of("i-1", "api"), "ip-1", 1000, 1050, 250, 0));
        observer.complete("api", List.of(new QuotaSnapshot(2000, "api", null, List.of(
                new QuotaSnapshot.WindowUsage("1s", 5, 5, 1, 4, 2000L)), 2, 1, null, 1.0, null, null)), null);
        var server = start(registry::scrape, () -> "RUNNING", new FakeDirectory());

        HttpResponse<String> r = get(server, "/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = PrometheusText.parse(r.body());
        assertEquals(1.0, samples.get("governor_permits_total{account=\"api\",lane=\"ip-1\",priority=\"NORMAL\"}"));
        assertEquals(0.25, samples.get("governor_wait_seconds_sum{account=\"api\",lane=\"ip-1\"}"));
        assertTrue(samples.containsKey("governor_wait_seconds{account=\"api\",lane=\"ip-1\",quantile=\"0.99\"}"),
                samples.keySet().toString());
        assertEquals(4.0, samples.get("governor_window_remaining{account=\"api\",lane=\"\",window=\"1s\"}"));
        assertEquals(2.0, samples.get("governor_queue_depth{account=\"api\"}"));
    }

    @Test
    void shouldBeReadyOnlyWhileTheStreamsAppIsRunning() throws Exception {
        var state = new AtomicReference<>("REBALANCING");
        var server = start(() -> "", state::get, new FakeDirectory());

        HttpResponse<String> rebalancing = get(server, "/health");
        assertEquals(503, rebalancing.statusCode());
        assertTrue(rebalancing.body().contains("\"state\":\"REBALANCING\""), rebalancing.body());
        assertEquals(200, get(server, "/health/live").statusCode(), "alive all the same");

        state.set("RUNNING");
        HttpResponse<String> running = get(server, "/health");
        assertEquals(200, running.statusCode());
        assertTrue(running.body().contains("\"status\":\"UP\""), running.body());
    }

    @Test
    void shouldAskTheOwnerWhenTheAccountLivesElsewhere() throws Exception {
        var owner = new FakeDirectory();
        owner.held.put("api", snapshotsOf("api"));
        var ownerServer = start(() -> "", () -> "RUNNING", owner);
        var asked = new FakeDirectory();
        asked.where = new QuotaDirectory.Location.Remote("127.0.0.1", ownerServer.port());
        var askedServer = start(() -> "", () -> "RUNNING", asked);

        HttpResponse<String> r = get(askedServer, "/quotas/api");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("api", QuotaStore.decode(r.body()).get(0).account());
        assertEquals(List.of("api"), owner.localAsks, "the owner read its own store");
    }

    @Test
    void shouldRefuseToForwardAQuestionThatWasForwardedAlready() throws Exception {
        var asked = new FakeDirectory();
        asked.where = new QuotaDirectory.Location.Remote("127.0.0.1", 9);
        var server = start(() -> "", () -> "RUNNING", asked);

        HttpResponse<String> r = get(server, "/quotas/api?local=true");
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("moved"), r.body());
    }

    @Test
    void shouldAnswerNotFoundForAnAccountWithoutSnapshots() throws Exception {
        var server = start(() -> "", () -> "RUNNING", new FakeDirectory());
        HttpResponse<String> r = get(server, "/quotas/nobody");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("\"error\""), r.body());
        assertEquals(404, get(server, "/nothing-here").statusCode());
    }

    @Test
    void shouldAnswerUnavailableWhileNoInstanceOwnsTheAccount() throws Exception {
        var directory = new FakeDirectory();
        directory.where = new QuotaDirectory.Location.Unavailable("rebalancing");
        var server = start(() -> "", () -> "REBALANCING", directory);
        HttpResponse<String> r = get(server, "/quotas/api");
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("rebalancing"), r.body());
    }

    @Test
    void shouldGatherEveryAccountFromEveryInstance() throws Exception {
        var other = new FakeDirectory();
        other.held.put("b-account", snapshotsOf("b-account"));
        var otherServer = start(() -> "", () -> "RUNNING", other);
        var self = new FakeDirectory();
        self.held.put("a-account", snapshotsOf("a-account"));
        self.peers.add(new QuotaDirectory.Location.Remote("127.0.0.1", otherServer.port()));
        var server = start(() -> "", () -> "RUNNING", self);

        HttpResponse<String> r = get(server, "/quotas");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("a-account", "b-account"),
                QuotaStore.decode(r.body()).stream().map(QuotaSnapshot::account).toList());
    }

    private static String snapshotsOf(String account) {
        return QuotaStore.encode(List.of(new QuotaSnapshot(1000, account, null, List.of(), 0, 0, null, 1.0, null,
                null)));
    }

    private GovernorHttpServer start(java.util.function.Supplier<String> scrape,
                                     java.util.function.Supplier<String> state, QuotaDirectory directory)
            throws IOException {
        var server = new GovernorHttpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), scrape, state,
                directory);
        servers.add(server);
        return server;
    }

    private HttpResponse<String> get(GovernorHttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A directory that holds what the test puts in it and says the account lives where the test says. */
    private static final class FakeDirectory implements QuotaDirectory {
        final Map<String, String> held = new LinkedHashMap<>();
        final List<Location.Remote> peers = new ArrayList<>();
        final List<String> localAsks = new ArrayList<>();
        volatile Location where = new Location.Here();

        @Override
        public Location locate(String account) {
            return where;
        }

        @Override
        public Optional<String> local(String account) {
            localAsks.add(account);
            return Optional.ofNullable(held.get(account));
        }

        @Override
        public List<String> allLocal() {
            return List.copyOf(held.values());
        }

        @Override
        public List<Location.Remote> others() {
            return peers;
        }
    }
}
