package io.governor.streams.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.governor.schemas.json.GovernorJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One governor instance's HTTP endpoint (the JDK's server: nothing to add to the classpath):
 * <ul>
 *   <li>{@code GET /metrics}: every meter in the Prometheus text format;</li>
 *   <li>{@code GET /health}: 200 when the Streams application is RUNNING, else 503, with the state;
 *       {@code GET /health/live}: 200 while the process serves at all;</li>
 *   <li>{@code GET /quotas/{account}}: the account's latest snapshots (a JSON array: the account's, then one per
 *       lane) from whichever instance owns it, so any instance can be asked; {@code GET /quotas}: every
 *       account's, gathered from all instances. {@code ?local=true} answers from this instance only (what
 *       instances ask each other, so a request never travels twice).</li>
 * </ul>
 */
public final class GovernorHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GovernorHttpServer.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = GovernorJson.mapper();

    private final HttpServer server;
    private final ExecutorService workers;
    private final Supplier<String> scrape;
    private final Supplier<String> state;
    private final QuotaDirectory quotas;
    private final HttpClient peers = HttpClient.newBuilder().connectTimeout(PEER_TIMEOUT).build();

    /**
     * Binds {@code address} (port 0: a free one) and serves at once. {@code scrape} gives the Prometheus text,
     * {@code state} the Streams state ({@code RUNNING} means ready).
     */
    public GovernorHttpServer(InetSocketAddress address, Supplier<String> scrape, Supplier<String> state,
                              QuotaDirectory quotas) throws IOException {
        this.scrape = scrape;
        this.state = state;
        this.quotas = quotas;
        this.server = HttpServer.create(address, 0);
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "governor-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET");
                error(exchange, 405, "only GET is served");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            boolean local = "local=true".equals(exchange.getRequestURI().getQuery());
            if (path.equals("/metrics")) {
                send(exchange, 200, PROMETHEUS_TEXT, scrape.get());
            } else if (path.equals("/health/live")) {
                send(exchange, 200, JSON, json(Map.of("status", "UP")));
            } else if (path.equals("/health")) {
                String s = state.get();
                boolean ready = "RUNNING".equals(s);
                send(exchange, ready ? 200 : 503, JSON, json(Map.of("status", ready ? "UP" : "DOWN", "state", s)));
            } else if (path.equals("/quotas") || path.equals("/quotas/")) {
                allQuotas(exchange, local);
            } else if (path.startsWith("/quotas/") && path.indexOf('/', "/quotas/".length()) < 0) {
                quota(exchange, path.substring("/quotas/".length()), local);
            } else {
                error(exchange, 404, "no such path: " + path + " (try /metrics, /health, /quotas)");
            }
        } catch (RuntimeException e) {
            log.warn("HTTP {} failed", exchange.getRequestURI(), e);
            error(exchange, 500, e.toString());
        }
    }

    private void quota(HttpExchange exchange, String account, boolean local) throws IOException {
        QuotaDirectory.Location where = quotas.locate(account);
        if (where instanceof QuotaDirectory.Location.Unavailable u) {
            error(exchange, 503, "cannot locate account " + account + " right now: " + u.why());
        } else if (where instanceof QuotaDirectory.Location.Remote r) {
            if (local) {
                error(exchange, 503, "account " + account + " moved to " + r.host() + ":" + r.port()
                        + " while it was asked; ask again");
                return;
            }
            Optional<Answer> answer = ask(r, "/quotas/" + account);
            if (answer.isEmpty()) {
                error(exchange, 503, "the owner of account " + account + " (" + r.host() + ":" + r.port()
                        + ") did not answer");
            } else {
                send(exchange, answer.get().status(), JSON, answer.get().body());
            }
        } else {
            Optional<String> snapshots;
            try {
                snapshots = quotas.local(account);
            } catch (QuotaDirectory.UnavailableException e) {
                error(exchange, 503, e.getMessage());
                return;
            }
            if (snapshots.isPresent()) {
                send(exchange, 200, JSON, snapshots.get());
            } else {
                error(exchange, 404, "no snapshot of account " + account + ": no policy names it, or it has not been"
                        + " used since its owner started (snapshots come every metrics interval)");
            }
        }
    }

    private void allQuotas(HttpExchange exchange, boolean local) throws IOException {
        ArrayNode all = MAPPER.createArrayNode();
        try {
            for (String array : quotas.allLocal()) {
                MAPPER.readTree(array).forEach(all::add);
            }
            if (!local) {
                for (QuotaDirectory.Location.Remote peer : quotas.others()) {
                    Optional<Answer> answer = ask(peer, "/quotas");
                    if (answer.isEmpty() || answer.get().status() != 200) {
                        error(exchange, 503, "instance " + peer.host() + ":" + peer.port() + " did not answer"
                                + answer.map(a -> " (" + a.status() + " " + a.body() + ")").orElse(""));
                        return;
                    }
                    MAPPER.readTree(answer.get().body()).forEach(all::add);
                }
            }
        } catch (QuotaDirectory.UnavailableException e) {
            error(exchange, 503, e.getMessage());
            return;
        }
        List<JsonNode> sorted = new java.util.ArrayList<>();
        all.forEach(sorted::add);
        sorted.sort(Comparator.comparing((JsonNode n) -> n.path("account").asText())
                .thenComparing(n -> n.path("lane").asText("")));
        send(exchange, 200, JSON, json(sorted));
    }

    private record Answer(int status, String body) {
    }

    /** Asks a peer for its local answer; empty when it cannot be reached in time. */
    private Optional<Answer> ask(QuotaDirectory.Location.Remote peer, String path) {
        try {
            URI uri = new URI("http", null, peer.host(), peer.port(), path, "local=true", null);
            HttpResponse<String> response = peers.send(HttpRequest.newBuilder(uri).timeout(PEER_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return Optional.of(new Answer(response.statusCode(), response.body()));
        } catch (IOException | URISyntaxException e) {
            log.debug("peer {}:{} did not answer {}", peer.host(), peer.port(), path, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON, json(Map.of("error", message)));
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops accepting, and stops the workers. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
