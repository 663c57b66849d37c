package io.governor.simulator.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.scenario.LatencySpec;
import io.governor.schemas.scenario.UpstreamSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpUpstreamTest {
    private static final long T0 = 1_767_600_000_000L;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private HttpUpstream upstream;

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private static UpstreamSpec spec(int max, long latencyMs) {
        return new UpstreamSpec(List.of(LimitSpec.rolling(max, Duration.ofSeconds(1))), true, null,
                new LatencySpec(Duration.ofMillis(latencyMs), Duration.ofMillis(latencyMs)), 0, null, null, null);
    }

    private HttpResponse<String> get(String account, String lane) throws Exception {
        return CLIENT.send(request(account, lane), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String account, String lane) {
        var builder = HttpRequest.newBuilder(URI.create(upstream.urlFor(account, "i-1"))).timeout(Duration.ofSeconds(10));
        if (lane != null) {
            builder.header(HttpUpstream.LANE_HEADER, lane);
        }
        return builder.build();
    }

    @Test
    void shouldAnswerAsTheModelDoesWithRetryAfterAndRateLimitHeaders() throws Exception {
        Map<String, UpstreamSpec> specs = Map.of("api", spec(2, 0));
        upstream = HttpUpstream.start(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
        List<Answer> heard = new ArrayList<>();
        upstream.serve(new UpstreamTruth(specs, T0, 42), (account, lane, answer) -> heard.add(answer));
        UpstreamTruth model = new UpstreamTruth(specs, T0, 42);

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = get("api", "ip-1");
            Answer expected = model.call("api", "ip-1", T0);
            assertEquals(expected.status(), response.statusCode());
            assertEquals(String.valueOf(expected.rateLimit().limit()),
                    response.headers().firstValue("X-RateLimit-Limit").orElseThrow());
            assertEquals(String.valueOf(expected.rateLimit().remaining()),
                    response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
            assertEquals(String.valueOf((expected.rateLimit().resetAt() + 999) / 1000),
                    response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
            assertEquals(expected.retryAfterMs() == null ? null : String.valueOf(expected.retryAfterMs() / 1000),
                    response.headers().firstValue("Retry-After").orElse(null));
            assertTrue(response.body().contains("\"lane\":\"ip-1\""), response.body());
        }
        assertEquals(List.of(200, 200, 429), heard.stream().map(Answer::status).toList());
        assertTrue(heard.get(2).violation());
        assertEquals(200, get("api", "ip-2").statusCode(), "perLane: another lane has its own windows");
    }

    @Test
    void shouldHoldEachAnswerForItsLatencyWithoutDelayingOthers() throws Exception {
        upstream = HttpUpstream.start();
        upstream.serve(new UpstreamTruth(Map.of("slow", spec(100, 1500), "quick", spec(100, 200)),
                System.currentTimeMillis(), 1), HttpUpstream.Listener.NONE);

        long sent = System.nanoTime();
        CompletableFuture<HttpResponse<String>> slow = CLIENT.sendAsync(request("slow", null),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> quick = get("quick", null);
        long quickMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);

        assertEquals(200, quick.statusCode());
        assertTrue(quickMs >= 200, "answered after " + quickMs + " ms, before its 200 ms latency");
        assertFalse(slow.isDone(), "the 1.5 s answer came back with the 200 ms one");
        assertEquals(200, slow.get(10, TimeUnit.SECONDS).statusCode());
        long slowMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertTrue(slowMs >= 1500, "answered after " + slowMs + " ms, before its 1.5 s latency");
    }

    @Test
    void shouldAnswer503UntilServingAnd404WithoutAnAccount() throws Exception {
        upstream = HttpUpstream.start();
        assertEquals(503, get("api", null).statusCode());
        var root = CLIENT.send(HttpRequest.newBuilder(upstream.uri("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, root.statusCode());
    }
}
