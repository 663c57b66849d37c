package io.governor.simulator.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.governor.schemas.event.RateLimitInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live face of {@link UpstreamTruth}: a real HTTP server on 127.0.0.1 that the real executor calls. The
 * truth is pure and single-threaded, so calls are serialised into it, stamped with this server's clock at
 * arrival; the answer is then held for the modelled latency on a scheduler (no thread waits per request, so a
 * slow answer never delays another) and sent with {@code Retry-After} (whole seconds) and
 * {@code X-RateLimit-Limit/Remaining/Reset} (reset in epoch seconds, as GitHub sends it).
 *
 * <p>Who is calling: the account is the {@code Governor-Account} header, else the path's first segment
 * ({@code /<account>/...}); the lane is the {@code Governor-Lane} header the executor sends (the governor chooses
 * the lane, so the intent's URL cannot carry it). Until {@link #serve} is called every call gets 503.
 */
public final class HttpUpstream implements AutoCloseable {
    public static final String ACCOUNT_HEADER = "Governor-Account";
    public static final String LANE_HEADER = "Governor-Lane";
    private static final long NO_ANSWER_SLACK_MS = 5_000;

    /** Hears every answer, in the order the truth gave them (called while the truth is held). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (account, lane, answer) -> { };

        void answered(String account, String lane, Answer answer);
    }

    private final HttpServer server;
    private final Clock clock;
    private final ScheduledExecutorService delays;
    private final Object truthLock = new Object();
    private UpstreamTruth truth;
    private Listener listener = Listener.NONE;

    private HttpUpstream(HttpServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
        this.delays = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "http-upstream-answers");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.start();
    }

    /** Listens on an ephemeral port of 127.0.0.1 with the system clock. */
    public static HttpUpstream start() {
        return start(Clock.systemUTC());
    }

    public static HttpUpstream start(Clock clock) {
        try {
            return new HttpUpstream(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    512), Objects.requireNonNull(clock, "clock"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated upstream's HTTP server", e);
        }
    }

    /** From now on calls are answered by {@code truth}, and {@code listener} hears each answer. */
    public void serve(UpstreamTruth truth, Listener listener) {
        synchronized (truthLock) {
            this.truth = Objects.requireNonNull(truth, "truth");
            this.listener = Objects.requireNonNull(listener, "listener");
        }
    }

    /** {@code http://127.0.0.1:PORT/}: the prefix a policy's {@code executor.allow} needs. */
    public String baseUrl() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/";
    }

    /** The URL an intent of {@code account} should ask for. */
    public String urlFor(String account, String intentId) {
        return baseUrl() + encode(account) + "?id=" + encode(intentId);
    }

    private void handle(HttpExchange exchange) {
        long at = clock.millis();
        try (var requestBody = exchange.getRequestBody()) {
            requestBody.readAllBytes();
        } catch (IOException e) {
            exchange.close();
            return;
        }
        String account = accountOf(exchange);
        String lane = exchange.getRequestHeaders().getFirst(LANE_HEADER);
        if (account == null) {
            respond(exchange, 404, null, "{\"error\":\"no account: send Governor-Account or call /<account>\"}");
            return;
        }
        Answer answer;
        synchronized (truthLock) {
            if (truth == null) {
                answer = null;
            } else {
                answer = truth.call(account, lane, at);
                listener.answered(account, lane, answer);
            }
        }
        if (answer == null) {
            respond(exchange, 503, null, "{\"error\":\"not serving yet\"}");
            return;
        }
        String body = "{\"account\":\"" + jsonText(account) + "\",\"lane\":" + (lane == null ? "null"
                : "\"" + jsonText(lane) + "\"") + ",\"status\":" + answer.status() + "}";
        if (answer.status() < 100) {
            // No answer (a dead lane): hang until the caller's timeout, then drop the connection.
            delays.schedule(exchange::close, answer.latencyMs() + NO_ANSWER_SLACK_MS, TimeUnit.MILLISECONDS);
            return;
        }
        Runnable send = () -> respond(exchange, answer.status(), answer, body);
        if (answer.latencyMs() <= 0) {
            send.run();
        } else {
            delays.schedule(send, answer.latencyMs(), TimeUnit.MILLISECONDS);
        }
    }

    private static String accountOf(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(ACCOUNT_HEADER);
        if (header != null && !header.isBlank()) {
            return header;
        }
        String path = exchange.getRequestURI().getPath();
        String first = path == null ? "" : path.replaceFirst("^/+", "").split("/", 2)[0];
        return first.isEmpty() ? null : first;
    }

    private static void respond(HttpExchange exchange, int status, Answer answer, String body) {
        try (exchange) {
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            if (answer != null && answer.retryAfterMs() != null) {
                headers.set("Retry-After", Long.toString((answer.retryAfterMs() + 999) / 1000));
            }
            RateLimitInfo limits = answer == null ? null : answer.rateLimit();
            if (limits != null && limits.limit() != null && limits.remaining() != null && limits.resetAt() != null) {
                headers.set("X-RateLimit-Limit", limits.limit().toString());
                headers.set("X-RateLimit-Remaining", limits.remaining().toString());
                headers.set("X-RateLimit-Reset", Long.toString((limits.resetAt() + 999) / 1000));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The caller gave up (timeout or shutdown): the truth has counted the call all the same.
        }
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** For tests and logs: the URI of a path on this server. */
    public URI uri(String path) {
        return URI.create(baseUrl() + path.replaceFirst("^/+", ""));
    }

    /** Stops at once: answers still held for their latency are dropped (their callers see a closed connection). */
    @Override
    public void close() {
        delays.shutdownNow();
        server.stop(0);
    }
}
