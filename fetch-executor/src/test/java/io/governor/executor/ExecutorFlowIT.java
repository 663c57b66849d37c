package io.governor.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.executor.call.CallExecutor;
import io.governor.schemas.event.DeadLetter;
import io.governor.schemas.event.HttpRequest;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Result;
import io.governor.schemas.policy.PolicyLoader;
import io.governor.testkit.KafkaFixture;
import io.governor.testkit.SharedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedKafkaBroker.class)
class ExecutorFlowIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SECRET = "it-secret-value-98765";

    @TempDir
    Path dir;
    private UpstreamServer upstream;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = new UpstreamServer();
    }

    @AfterEach
    void stopAll() {
        children.forEach(Process::destroyForcibly);
        upstream.close();
    }

    private Path policyFile() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, """
                accounts:
                  api:
                    limits: [ { max: 1000, per: 1s } ]
                    executor:
                      allow: [ "%s/calls/" ]
                      timeout: 5s
                      headers: { User-Agent: "GovIT/1.0", X-Api-Key: "${IT_API_KEY}" }
                """.formatted(upstream.base()));
        return file;
    }

    private Permit permit(String id, String path) {
        long now = System.currentTimeMillis();
        return new Permit(id, "api", null, null, null, 1, 0, now, now + 100, now + 120_000, 0,
                new HttpRequest("GET", upstream.base() + path, Map.of(), null), Map.of());
    }

    @Test
    void shouldTurnPermitsIntoOutcomesAndResults(KafkaFixture kafka) throws Exception {
        kafka.createGovernorTopics(3);
        var topics = kafka.governorTopics();
        upstream.on("/calls/ok", UpstreamServer.answer(200, Map.of("Content-Type", "text/plain"), "fine"));
        upstream.on("/calls/busy", UpstreamServer.answer(429, Map.of("Retry-After", "7"), null));
        ExecutorOptions options = new ExecutorOptions(kafka.bootstrapServers(), policyFile(), 8, 1024,
                Duration.ofSeconds(5), false, kafka.prefix() + "executor", kafka.prefix());
        Function<String, String> env = Map.of("IT_API_KEY", SECRET)::get;
        ExecutorApp app = new ExecutorApp(options, PolicyLoader.load(options.policy()), env, new SimpleMeterRegistry(),
                Clock.systemUTC(), CallExecutor.defaultClient(), Map.of());
        Thread runner = new Thread(app::run, "executor-under-test");
        runner.start();
        try {
            for (int i = 0; i < 6; i++) {
                kafka.produce(topics.permits(), "api", permit("ok-" + i, "/calls/ok/" + i));
            }
            kafka.produce(topics.permits(), "api", permit("busy-1", "/calls/busy"));
            kafka.produce(topics.permits(), "api", permit("evil-1", "http://example.invalid/calls/"));
            kafka.produce(topics.permits(), "api", "{not a permit");

            List<Outcome> outcomes = kafka.consumeUntil(topics.outcomes(), 8, WAIT, Outcome.class);
            List<Result> results = kafka.consumeUntil(topics.results(), 8, WAIT, Result.class);
            List<DeadLetter> dead = kafka.consumeUntil(topics.dlq(), 1, WAIT, DeadLetter.class);

            Map<String, Outcome> byId = outcomes.stream().collect(Collectors.toMap(Outcome::intentId, o -> o));
            assertEquals(8, byId.size());
            for (int i = 0; i < 6; i++) {
                assertEquals(200, byId.get("ok-" + i).status());
                assertNull(byId.get("ok-" + i).error());
            }
            assertEquals(429, byId.get("busy-1").status());
            assertEquals(7_000L, byId.get("busy-1").retryAfterMs());
            assertEquals(OutcomeError.DISALLOWED_URL, byId.get("evil-1").error());
            assertEquals("fine", results.stream().filter(r -> r.intentId().equals("ok-0")).findFirst()
                    .orElseThrow().body());
            assertEquals(topics.permits(), dead.get(0).topic());
            assertEquals(7, upstream.requests().size());
            assertTrue(upstream.requests().stream().allMatch(r -> SECRET.equals(r.header("X-Api-Key"))));
        } finally {
            app.stop();
            runner.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertFalse(runner.isAlive(), "run() returns after stop()");
    }

    @Test
    void shouldNeverCallAPermitTwiceWhenCrashingMidBatchAtMostOnce(KafkaFixture kafka) throws Exception {
        CrashRun run = crashAndRestart(kafka, false);

        Map<String, Long> calls = run.callsPerIntent();
        assertTrue(calls.values().stream().allMatch(n -> n == 1), "a permit was called twice: " + calls);
        assertTrue(run.callsBeforeCrash() < run.permits(), "the crash came mid-batch");
        Set<String> reported = run.outcomeIds();
        assertTrue(calls.keySet().containsAll(reported), "outcomes only for calls made");
        assertEquals(0, run.restartedExitCode(), "SIGTERM drains and exits 0");
    }

    @Test
    void shouldCallEveryPermitAtLeastOnceWhenCrashingAtLeastOnce(KafkaFixture kafka) throws Exception {
        CrashRun run = crashAndRestart(kafka, true);

        Map<String, Long> calls = run.callsPerIntent();
        assertEquals(run.permits(), calls.size(), "no permit lost: " + calls.keySet());
        assertEquals(run.permits(), run.outcomeIds().size(), "every permit reported");
        // Calls in flight at the crash are made again after the restart: allowed here, only for idempotent targets.
        assertEquals(0, run.restartedExitCode());
    }

    private record CrashRun(int permits, int callsBeforeCrash, Map<String, Long> callsPerIntent,
                            Set<String> outcomeIds, int restartedExitCode) {
    }

    private CrashRun crashAndRestart(KafkaFixture kafka, boolean atLeastOnce) throws Exception {
        int permits = 40;
        kafka.createGovernorTopics(2);
        var topics = kafka.governorTopics();
        upstream.on("/calls/", UpstreamServer.slow(300, UpstreamServer.answer(200, Map.of(), "done")));
        Path policy = policyFile();
        String group = kafka.prefix() + "executor";
        kafka.produce(topics.permits(), IntStream.range(0, permits)
                .mapToObj(i -> new KafkaFixture.KeyValue("api", permit("p-" + i, "/calls/p-" + i))).toList());

        Process first = child(kafka, policy, group, atLeastOnce, "first");
        await(() -> upstream.requests().size() >= 6);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int callsBeforeCrash = upstream.requests().size();

        Process second = child(kafka, policy, group, atLeastOnce, "second");
        await(() -> committedAll(kafka, group, topics.permits(), permits));
        second.destroy(); // SIGTERM
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the executor stops within its grace");

        Map<String, Long> callsPerIntent = upstream.requests().stream()
                .collect(Collectors.groupingBy(r -> r.path().substring("/calls/".length()), Collectors.counting()));
        Set<String> outcomeIds = kafka.readAll(topics.outcomes(), WAIT).stream()
                .map(r -> io.governor.schemas.json.GovernorJson.decode(r.value(), Outcome.class).intentId())
                .collect(Collectors.toSet());
        return new CrashRun(permits, callsBeforeCrash, callsPerIntent, outcomeIds, second.exitValue());
    }

    private Process child(KafkaFixture kafka, Path policy, String group, boolean atLeastOnce, String name)
            throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classpath,
                ExecutorChild.class.getName(), kafka.bootstrapServers(), policy.toString(), group, kafka.prefix(),
                Boolean.toString(atLeastOnce), "4");
        builder.environment().put("IT_API_KEY", SECRET);
        File log = dir.resolve(name + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        Process process = builder.start();
        children.add(process);
        return process;
    }

    /** True when the group has committed every permit (all taken, at-most-once; all reported, at-least-once). */
    private static boolean committedAll(KafkaFixture kafka, String group, String topic, int total) {
        try {
            var committed = kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            long sum = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
            return sum >= total;
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
