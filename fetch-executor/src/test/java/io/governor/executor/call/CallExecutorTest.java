package io.governor.executor.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.governor.executor.TestClock;
import io.governor.executor.UpstreamServer;
import io.governor.executor.metrics.ExecutorMetrics;
import io.governor.executor.secret.SecretHeaders;
import io.governor.schemas.event.HttpRequest;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.PayloadEncoding;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Result;
import io.governor.schemas.json.GovernorJson;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.PolicyLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CallExecutorTest {
    private static final long T0 = 1_767_600_000_000L;
    private static final String SECRET = "s3cr3t-api-key-0123456789";
    private static final HttpClient CLIENT = CallExecutor.defaultClient();

    private UpstreamServer upstream;
    private UpstreamServer evil;
    private TestClock clock;
    private int refusedPort;

    @BeforeEach
    void start() throws Exception {
        upstream = new UpstreamServer();
        evil = new UpstreamServer();
        evil.on("/", UpstreamServer.answer(200, Map.of(), "evil"));
        clock = new TestClock(T0);
        try (ServerSocket socket = new ServerSocket(0)) {
            refusedPort = socket.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        upstream.close();
        evil.close();
    }

    private PolicyDocument policy(int concurrency, String timeout) {
        String local = "http://localhost:" + upstream.port();
        return PolicyLoader.parse("policy.yaml", """
                accounts:
                  api:
                    limits: [ { max: 100, per: 1s } ]
                    concurrency: %d
                    executor:
                      allow: [ "%s/ok/", "%s/slow/", "%s/redirect/", "%s/landing/", "http://127.0.0.1:%d/" ]
                      timeout: %s
                      headers: { User-Agent: "GovTest/1.0 (ops@example.org)", X-Api-Key: "${API_KEY}" }
                """.formatted(concurrency, upstream.base(), upstream.base(), upstream.base(), local, refusedPort,
                timeout));
    }

    private CallExecutor executor(int maxBody) {
        return executor(maxBody, 8, "2s", clock.jumpingWaiter());
    }

    private CallExecutor executor(int maxBody, int accountConcurrency, String timeout, Waiter waiter) {
        PolicyDocument policy = policy(accountConcurrency, timeout);
        SecretHeaders secrets = SecretHeaders.expand(policy, name -> name.equals("API_KEY") ? SECRET : null);
        return new CallExecutor(CLIENT, policy, secrets, new CallSettings(16, maxBody, "test-executor"), clock,
                waiter, new ExecutorMetrics(new SimpleMeterRegistry()));
    }

    private Permit permit(String id, String url) {
        return permit(id, url, T0, T0 + 60_000, Map.of());
    }

    private static Permit permit(String id, String url, long notBefore, long validUntil, Map<String, String> headers) {
        return new Permit(id, "api", "ip-1", null, null, 1, 0, notBefore - 250, notBefore, validUntil, 5,
                new HttpRequest("GET", url, headers, null), Map.of());
    }

    private static CallReport run(CallExecutor executor, Permit permit) throws Exception {
        return executor.start(permit).report().get(20, TimeUnit.SECONDS);
    }

    @Test
    void shouldReportStatusBodyAndHeadersOfA200AndSendPolicyHeadersOverTheIntents() throws Exception {
        upstream.on("/ok/", UpstreamServer.answer(200, Map.of("Content-Type", "application/json",
                "X-RateLimit-Limit", "60", "X-RateLimit-Remaining", "59", "X-RateLimit-Reset", "30"), "{\"ok\":true}"));

        CallReport report = run(executor(1024), permit("i-1", upstream.base() + "/ok/items",
                T0, T0 + 50, Map.of("user-agent", "spoofed", "X-Trace", "abc")));

        Outcome outcome = report.outcome();
        assertEquals(200, outcome.status());
        assertNull(outcome.error());
        assertEquals("api", outcome.account());
        assertEquals("ip-1", outcome.lane());
        assertEquals("test-executor", outcome.executor());
        assertEquals(T0, outcome.startedAt());
        assertEquals(60L, outcome.rateLimit().limit());
        assertEquals(59L, outcome.rateLimit().remaining());
        assertEquals(T0 + 30_000, outcome.rateLimit().resetAt());
        assertNull(outcome.retryAfterMs());
        Result result = report.result();
        assertEquals("{\"ok\":true}", result.body());
        assertEquals(PayloadEncoding.UTF8, result.bodyEncoding());
        assertFalse(result.truncated());
        assertEquals("application/json", result.headers().get("content-type"));
        UpstreamServer.Request seen = upstream.requests().get(0);
        assertEquals("GovTest/1.0 (ops@example.org)", seen.header("User-Agent"));
        assertEquals(SECRET, seen.header("X-Api-Key"));
        assertEquals("abc", seen.header("X-Trace"));
    }

    @Test
    void shouldNameTheAccountLaneAndIntentInHeadersOverWhatTheIntentClaims() throws Exception {
        upstream.on("/ok/", UpstreamServer.answer(200, Map.of(), "ok"));

        run(executor(1024), permit("i-7", upstream.base() + "/ok/items", T0, T0 + 50,
                Map.of("governor-lane", "ip-9", "X-Trace", "abc")));

        UpstreamServer.Request seen = upstream.requests().get(0);
        assertEquals("api", seen.header(CallExecutor.ACCOUNT_HEADER));
        assertEquals("ip-1", seen.header(CallExecutor.LANE_HEADER));
        assertEquals("i-7", seen.header(CallExecutor.INTENT_HEADER));
        assertEquals("abc", seen.header("X-Trace"));
    }

    @Test
    void shouldReportRetryAfterInSecondsOnA429() throws Exception {
        upstream.on("/ok/", UpstreamServer.answer(429, Map.of("Retry-After", "120"), "slow down"));

        Outcome outcome = run(executor(1024), permit("i-429", upstream.base() + "/ok/x")).outcome();

        assertEquals(429, outcome.status());
        assertTrue(outcome.isRateLimited());
        assertEquals(120_000L, outcome.retryAfterMs());
    }

    @Test
    void shouldReportRetryAfterGivenAsHttpDateAgainstTheResponsesDate() throws Exception {
        // The JDK server stamps its own Date; Retry-After is a minute past the real now.
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        upstream.on("/ok/", UpstreamServer.answer(429, Map.of("Retry-After", inAMinute), null));

        Outcome outcome = run(executor(1024), permit("i-date", upstream.base() + "/ok/x")).outcome();

        assertEquals(429, outcome.status());
        assertTrue(outcome.retryAfterMs() >= 58_000 && outcome.retryAfterMs() <= 61_000,
                "retryAfterMs " + outcome.retryAfterMs());
    }

    @Test
    void shouldPassForbiddenAndServiceUnavailableThroughAsStatuses() throws Exception {
        upstream.on("/ok/403", UpstreamServer.answer(403, Map.of(), "banned"));
        upstream.on("/ok/503", UpstreamServer.answer(503, Map.of("Retry-After", "5"), "down"));
        CallExecutor executor = executor(1024);

        Outcome forbidden = run(executor, permit("i-403", upstream.base() + "/ok/403")).outcome();
        Outcome unavailable = run(executor, permit("i-503", upstream.base() + "/ok/503")).outcome();

        assertEquals(403, forbidden.status());
        assertNull(forbidden.error());
        assertEquals(503, unavailable.status());
        assertEquals(5_000L, unavailable.retryAfterMs());
    }

    @Test
    void shouldReportTimeoutWhenTheUpstreamDoesNotAnswerInTime() throws Exception {
        upstream.on("/slow/", upstream.hang());

        CallReport report = run(executor(1024, 8, "300ms", clock.jumpingWaiter()),
                permit("i-timeout", upstream.base() + "/slow/x"));

        assertEquals(0, report.outcome().status());
        assertEquals(OutcomeError.TIMEOUT, report.outcome().error());
        assertEquals(0, report.result().status());
        assertNull(report.result().body());
    }

    @Test
    void shouldReportConnectWhenTheConnectionIsRefused() throws Exception {
        Outcome outcome = run(executor(1024), permit("i-refused", "http://127.0.0.1:" + refusedPort + "/x")).outcome();

        assertEquals(0, outcome.status());
        assertEquals(OutcomeError.CONNECT, outcome.error());
    }

    @Test
    void shouldTruncateA50MegabyteBodyAtTheCap() throws Exception {
        long fifty = 50L * 1024 * 1024;
        upstream.on("/ok/huge", UpstreamServer.huge(fifty));

        Result result = run(executor(64 * 1024), permit("i-huge", upstream.base() + "/ok/huge")).result();

        assertEquals(200, result.status());
        assertTrue(result.truncated());
        assertEquals(64 * 1024, result.body().length());
        assertEquals(PayloadEncoding.UTF8, result.bodyEncoding());
    }

    @Test
    void shouldCarryABinaryBodyAsBase64() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, (byte) 0xff, (byte) 0xfe, 0};
        upstream.on("/ok/img", UpstreamServer.bytes(200, "image/png", png));

        Result result = run(executor(1024), permit("i-bin", upstream.base() + "/ok/img")).result();

        assertEquals(PayloadEncoding.BASE64, result.bodyEncoding());
        assertArrayEquals(png, result.bodyBytes());
    }

    @Test
    void shouldFollowARedirectToAnotherAllowedHost() throws Exception {
        String landing = "http://localhost:" + upstream.port() + "/landing/here";
        upstream.on("/redirect/", UpstreamServer.answer(302, Map.of("Location", landing), null));
        upstream.on("/landing/", UpstreamServer.answer(200, Map.of("Content-Type", "text/plain"), "landed"));

        CallReport report = run(executor(1024), permit("i-redir", upstream.base() + "/redirect/go"));

        assertEquals(200, report.outcome().status());
        assertNull(report.outcome().error());
        assertEquals("landed", report.result().body());
        assertEquals(2, upstream.requests().size());
        assertEquals(SECRET, upstream.requests().get(1).header("X-Api-Key"));
    }

    @Test
    void shouldNotFollowARedirectOutOfTheAllowlist() throws Exception {
        upstream.on("/redirect/", UpstreamServer.answer(302, Map.of("Location", evil.base() + "/steal"), null));

        CallReport report = run(executor(1024), permit("i-evil", upstream.base() + "/redirect/go"));

        assertEquals(302, report.outcome().status());
        assertEquals(OutcomeError.DISALLOWED_URL, report.outcome().error());
        assertTrue(evil.requests().isEmpty());
    }

    @Test
    void shouldNotCallAUrlOutsideTheAllowlist() throws Exception {
        CallExecutor executor = executor(1024);

        Outcome other = run(executor, permit("i-x1", evil.base() + "/ok/x")).outcome();
        Outcome userInfo = run(executor, permit("i-x2", "http://127.0.0.1:" + upstream.port() + "@localhost:"
                + evil.port() + "/ok/")).outcome();
        Outcome ftp = run(executor, permit("i-x3", "ftp://127.0.0.1:" + upstream.port() + "/ok/")).outcome();

        for (Outcome o : new Outcome[] {other, userInfo, ftp}) {
            assertEquals(OutcomeError.DISALLOWED_URL, o.error());
            assertEquals(0, o.status());
        }
        assertTrue(evil.requests().isEmpty());
        assertTrue(upstream.requests().isEmpty());
    }

    @Test
    void shouldReportAnExpiredPermitWithoutCalling() throws Exception {
        clock.set(T0 + 51);

        Outcome outcome = run(executor(1024), permit("i-late", upstream.base() + "/ok/x", T0, T0 + 50, Map.of()))
                .outcome();

        assertEquals(OutcomeError.PERMIT_EXPIRED, outcome.error());
        assertEquals(0, outcome.status());
        assertTrue(upstream.requests().isEmpty());
    }

    @Test
    void shouldWaitUntilNotBeforeThenCall() throws Exception {
        upstream.on("/ok/", UpstreamServer.answer(200, Map.of(), "ok"));

        Outcome outcome = run(executor(1024), permit("i-wait", upstream.base() + "/ok/x",
                T0 + 5_000, T0 + 5_050, Map.of())).outcome();

        assertEquals(200, outcome.status());
        assertEquals(T0 + 5_000, outcome.startedAt());
    }

    @Test
    void shouldExpireWhenTheWaitOvershootsTheValidity() throws Exception {
        Waiter oversleeping = at -> {
            clock.set(at + 100);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        };

        Outcome outcome = run(executor(1024, 8, "2s", oversleeping), permit("i-over", upstream.base() + "/ok/x",
                T0 + 1_000, T0 + 1_050, Map.of())).outcome();

        assertEquals(OutcomeError.PERMIT_EXPIRED, outcome.error());
        assertTrue(upstream.requests().isEmpty());
    }

    @Test
    void shouldKeepAtMostTheAccountsConcurrencyInFlight() throws Exception {
        Semaphore gate = new Semaphore(0);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        upstream.on("/slow/", exchange -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                gate.tryAcquire(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            active.decrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        });
        CallExecutor executor = executor(1024, 2, "30s", clock.jumpingWaiter());

        var calls = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> executor.start(permit("i-c" + i, upstream.base() + "/slow/" + i))).toList();
        await(() -> upstream.requests().size() == 2);
        gate.release();
        await(() -> upstream.requests().size() == 3);
        gate.release(3);
        for (PermittedCall call : calls) {
            assertEquals(204, call.report().get(20, TimeUnit.SECONDS).outcome().status());
        }

        assertEquals(2, maxActive.get());
    }

    @Test
    void shouldReportAnAbandonedCallAsIo() throws Exception {
        upstream.on("/slow/", upstream.hang());
        PermittedCall call = executor(1024, 8, "30s", clock.jumpingWaiter())
                .start(permit("i-abort", upstream.base() + "/slow/x"));
        await(() -> upstream.requests().size() == 1);

        call.abort("test");

        Outcome outcome = call.report().get(5, TimeUnit.SECONDS).outcome();
        assertEquals(OutcomeError.IO, outcome.error());
        assertEquals(T0, outcome.startedAt());
    }

    @Test
    void shouldNeverWriteTheSecretToLogsOutcomesOrResults() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            // An upstream that echoes what it received, in its body and its headers.
            upstream.on("/ok/echo", exchange -> {
                String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
                exchange.getResponseHeaders().add("X-Echo-Key", key);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                byte[] body = ("you sent " + key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            });
            upstream.on("/slow/", upstream.hang());
            CallExecutor executor = executor(1024, 8, "300ms", clock.jumpingWaiter());

            CallReport echoed = run(executor, permit("i-echo", upstream.base() + "/ok/echo"));
            CallReport timedOut = run(executor, permit("i-slow", upstream.base() + "/slow/x"));
            CallReport refused = run(executor, permit("i-evil", evil.base() + "/x?key=" + SECRET));

            assertEquals(SECRET, upstream.requests().get(0).header("X-Api-Key"), "the secret must be sent");
            assertEquals("you sent " + SecretHeaders.REDACTED, echoed.result().body());
            for (CallReport report : new CallReport[] {echoed, timedOut, refused}) {
                assertFalse(new String(GovernorJson.toBytes(report.outcome())).contains(SECRET));
                assertFalse(new String(GovernorJson.toBytes(report.result())).contains(SECRET));
            }
            assertFalse(logs.list.isEmpty(), "the calls were logged");
            for (ILoggingEvent event : logs.list) {
                String text = event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
                assertFalse(text.contains(SECRET), "log leaks the secret: " + text);
            }
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void shouldStopStartUpWhenASecretIsMissingWithoutNamingAValue() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                io.governor.executor.secret.MissingSecretException.class,
                () -> SecretHeaders.expand(policy(1, "1s"), name -> null));
        assertEquals("API_KEY", e.variable());
        assertTrue(e.getMessage().contains("accounts.api.executor.headers.X-Api-Key"), e.getMessage());
    }

    /** Bounded polling for what another thread does (the server's request log). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
