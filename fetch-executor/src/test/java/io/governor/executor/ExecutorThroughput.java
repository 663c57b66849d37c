package io.governor.executor;

import io.governor.executor.call.CallExecutor;
import io.governor.executor.call.CallSettings;
import io.governor.executor.call.Waiter;
import io.governor.executor.metrics.ExecutorMetrics;
import io.governor.executor.secret.SecretHeaders;
import io.governor.schemas.event.HttpRequest;
import io.governor.schemas.event.Permit;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.PolicyLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Bench harness, not a test: calls per second through the executor's call engine against a local no-op HTTP
 * server, next to a bare {@link HttpClient} loop with the same concurrency. The engine's overhead is the gap.
 * Run: {@code java -cp <test classpath> io.governor.executor.ExecutorThroughput [calls] [concurrency]}
 * (defaults 20000 and 64); the bench module may call {@link #executorCallsPerSecond} and
 * {@link #bareClientCallsPerSecond} directly.
 */
public final class ExecutorThroughput {
    private ExecutorThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        try (UpstreamServer server = new UpstreamServer()) {
            server.on("/", UpstreamServer.answer(204, Map.of(), null));
            HttpClient client = CallExecutor.defaultClient();
            bareClientCallsPerSecond(client, server.base(), calls / 10, concurrency); // warm-up
            executorCallsPerSecond(client, server.base(), calls / 10, concurrency);
            double bare = bareClientCallsPerSecond(client, server.base(), calls, concurrency);
            double executor = executorCallsPerSecond(client, server.base(), calls, concurrency);
            System.out.printf("bare HttpClient: %.0f calls/s%nexecutor:        %.0f calls/s (%.1f%% of bare)%n",
                    bare, executor, 100 * executor / bare);
        }
    }

    /** {@code calls} GETs of {@code base + "/noop"} through a {@link CallExecutor}, {@code concurrency} at a time. */
    public static double executorCallsPerSecond(HttpClient client, String base, int calls, int concurrency)
            throws Exception {
        PolicyDocument policy = PolicyLoader.parse("bench.yaml", """
                accounts:
                  bench:
                    limits: [ { max: 1000000, per: 1s } ]
                    executor: { allow: [ "%s/" ], timeout: 10s, headers: { User-Agent: "GovBench/1.0" } }
                """.formatted(base));
        Clock clock = Clock.systemUTC();
        CallExecutor executor = new CallExecutor(client, policy, SecretHeaders.expand(policy, System::getenv),
                new CallSettings(concurrency, 1 << 16, "bench"), clock, Waiter.on(clock), ExecutorMetrics.discarding());
        Semaphore window = new Semaphore(concurrency);
        long start = System.nanoTime();
        CompletableFuture<?>[] all = new CompletableFuture<?>[calls];
        for (int i = 0; i < calls; i++) {
            window.acquire();
            long now = clock.millis();
            Permit permit = new Permit("b-" + i, "bench", null, null, null, 1, 0, now, now, now + 60_000, 0,
                    new HttpRequest("GET", base + "/noop", Map.of(), null), Map.of());
            all[i] = executor.start(permit).report().whenComplete((r, e) -> window.release());
        }
        CompletableFuture.allOf(all).join();
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    /** The same calls with a bare client and a semaphore: the floor the executor is measured against. */
    public static double bareClientCallsPerSecond(HttpClient client, String base, int calls, int concurrency)
            throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(base + "/noop"))
                .header("User-Agent", "GovBench/1.0").build();
        Semaphore window = new Semaphore(concurrency);
        long start = System.nanoTime();
        CompletableFuture<?>[] all = new CompletableFuture<?>[calls];
        for (int i = 0; i < calls; i++) {
            window.acquire();
            all[i] = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((r, e) -> window.release());
        }
        CompletableFuture.allOf(all).join();
        return calls / ((System.nanoTime() - start) / 1e9);
    }
}
