package io.governor.simulator.live;

import io.governor.executor.ExecutorApp;
import io.governor.executor.ExecutorOptions;
import io.governor.executor.call.CallExecutor;
import io.governor.schemas.event.Intent;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.ExecutorSpec;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.PolicyLoader;
import io.governor.simulator.upstream.HttpUpstream;
import io.governor.streams.GovernorStreamsOptions;
import io.governor.streams.app.GovernorApp;
import io.governor.streams.topology.AccountPolicyParser;
import io.governor.testkit.EmbeddedKafkaBroker;
import io.governor.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Everything a live run needs, started in order and stopped in reverse: a broker (embedded unless one is given),
 * the simulated upstream's HTTP face, a real governor (Kafka Streams) and a real executor, on topics and ids of
 * their own so a run on a shared broker meets nothing else. The policy is the scenario's with the upstream's URL
 * added to every account's {@code executor.allow}. {@link #close()} is idempotent and safe from a shutdown hook.
 */
public final class LiveStack implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXECUTOR_GRACE = Duration.ofSeconds(3);
    private static final int WARM_CONNECTIONS = 8;
    private static final int WARM_UP_ROUNDS = 3;
    /** The account of the warm-up intents; a live run's report leaves its events out. */
    public static final String WARM_UP_ACCOUNT = "governor-live-warm-up";
    /**
     * Four times the governor's default: permits are valid for tens of milliseconds and one machine runs broker,
     * governor, executor and upstream, where an exactly-once commit sometimes takes half a second; the executor
     * needs the permit in hand before it becomes valid. Waits are measured to the decision, so this costs nothing.
     */
    private static final Duration LOOKAHEAD = Duration.ofSeconds(1);

    private final PrintStream log;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final GovernorTopics topics = new GovernorTopics("sim-" + runId + ".");
    private KafkaBroker broker;
    private String bootstrap;
    private HttpUpstream upstream;
    private Path stateDir;
    private GovernorApp governor;
    private ExecutorApp executor;
    private Thread executorThread;
    private volatile boolean closed;

    /** Nothing runs until {@link #start}; {@code log} hears a line as each part is up. */
    public LiveStack(PrintStream log) {
        this.log = log;
    }

    /**
     * Starts every part and returns once the governor is RUNNING and the executor owns the permits' partitions.
     * {@code source} names where the policy came from (the scenario file). On failure, what was started is stopped.
     */
    public void start(PolicyDocument policy, Path source, LiveOptions options) {
        try {
            startAll(policy, source, options);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    // Not synchronized: a shutdown hook's close() must not wait for a start that takes seconds.
    private void startAll(PolicyDocument scenarioPolicy, Path source, LiveOptions options) {
        long t0 = System.nanoTime();
        if (options.bootstrap() == null) {
            broker = EmbeddedKafkaBroker.start();
            bootstrap = broker.bootstrapServers();
            log.println("live: embedded Kafka broker at " + bootstrap + " (" + since(t0) + ")");
        } else {
            bootstrap = options.bootstrap();
        }
        upstream = HttpUpstream.start();
        log.println("live: simulated upstream at " + upstream.baseUrl());
        PolicyDocument policy = withWarmUp(allowing(scenarioPolicy, upstream.baseUrl()), upstream.baseUrl());
        try {
            stateDir = Files.createTempDirectory("governor-live-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the governor", e);
        }
        var governorOptions = new GovernorStreamsOptions(bootstrap, "governor-sim-" + runId, stateDir, topics.prefix(),
                LOOKAHEAD, null, null, null, 0, true, 1, (short) 1);
        governor = new GovernorApp(governorOptions, policy, AccountPolicyParser.STANDARD);
        governor.start();   // fails within ~20 s, naming the address, when the broker is away
        await("the governor", () -> governor.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        log.println("live: governor running on topics " + topics.prefix() + "* (" + since(t0) + ")");

        String group = "governor-sim-executor-" + runId;
        HttpClient http = CallExecutor.defaultClient();
        warmUp(http);
        executor = new ExecutorApp(new ExecutorOptions(bootstrap, source, 64, 64 * 1024, EXECUTOR_GRACE, false, group,
                topics.prefix()), policy, System::getenv, new SimpleMeterRegistry(), Clock.systemUTC(), http, Map.of());
        executorThread = new Thread(executor::run, "live-executor");
        executorThread.setDaemon(true);
        executorThread.start();
        awaitAssigned(group);
        warmUpPipeline();
        log.println("live: executor consuming permits (" + since(t0) + ")");
    }

    /** The scenario's policy plus an account of our own for warming the pipeline up. */
    private static PolicyDocument withWarmUp(PolicyDocument policy, String url) {
        if (policy.accounts().containsKey(WARM_UP_ACCOUNT)) {
            return policy;
        }
        AccountPolicy warmUp = PolicyLoader.parseAccount("live warm-up", "{\"limits\":[{\"max\":1000,\"per\":\"1s\"}],"
                + "\"executor\":{\"allow\":[\"" + url + "\"]}}");
        Map<String, AccountPolicy> accounts = new LinkedHashMap<>(policy.accounts());
        accounts.put(WARM_UP_ACCOUNT, warmUp);
        return new PolicyDocument(policy.defaults(), accounts, policy.defaultsJson());
    }

    /**
     * Sends a few intents of {@link #WARM_UP_ACCOUNT} through governor, executor and upstream and waits for their
     * outcomes: the first transactions and fetches of a fresh pipeline take a second or more, longer than a permit
     * is valid, so without this the scenario's first permits expire. Their events are left out of the report.
     */
    private void warmUpPipeline() {
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), EventSerdes.intent());
             var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), EventSerdes.outcome())) {
            List<TopicPartition> outcomes = consumer.partitionsFor(topics.outcomes(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(outcomes);
            consumer.seekToBeginning(outcomes);
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                Intent intent = new Intent("warm-up-" + round, WARM_UP_ACCOUNT, null, null, null, 1, null, null, null,
                        null, null, null, new io.governor.schemas.event.HttpRequest("GET", upstream.urlFor(WARM_UP_ACCOUNT, "warm-up-" + round),
                        null, null), null, System.currentTimeMillis());
                producer.send(new ProducerRecord<>(topics.intents(), WARM_UP_ACCOUNT, intent));
                producer.flush();
                String id = intent.id();
                await("the warm-up call", () -> {
                    for (var r : consumer.poll(Duration.ofMillis(100))) {
                        if (r.value() != null && id.equals(r.value().intentId())) {
                            return true;
                        }
                    }
                    return false;
                });
            }
        }
    }

    /**
     * Opens the executor client's connections before traffic: the upstream stamps a call when it arrives, and a
     * first call that waits for a connection arrives late, next to the one after it (a violation the executor's
     * start times would not show). The upstream answers 503 and counts nothing until it serves.
     */
    private void warmUp(HttpClient http) {
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (int i = 0; i < WARM_CONNECTIONS; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(upstream.uri("warm-up")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()));
        }
        calls.forEach(c -> c.exceptionally(e -> null).join());
    }

    public String bootstrap() {
        return bootstrap;
    }

    public GovernorTopics topics() {
        return topics;
    }

    public HttpUpstream upstream() {
        return upstream;
    }

    /** The policy with {@code url} added to the allowlist of every account (and of the defaults). */
    static PolicyDocument allowing(PolicyDocument policy, String url) {
        Map<String, AccountPolicy> accounts = new LinkedHashMap<>();
        policy.accounts().forEach((name, p) -> accounts.put(name, allowing(p, url)));
        return new PolicyDocument(policy.defaults() == null ? null : allowing(policy.defaults(), url), accounts,
                policy.defaultsJson());
    }

    private static AccountPolicy allowing(AccountPolicy p, String url) {
        ExecutorSpec e = p.executor();
        List<String> allow = new ArrayList<>(e == null ? List.of() : e.allow());
        allow.add(url);
        ExecutorSpec executor = new ExecutorSpec(allow, e == null ? null : e.timeout(), e == null ? null : e.headers());
        return new AccountPolicy(p.limits(), p.safety(), p.pacing(), p.jitter(), p.concurrency(), p.lease(),
                p.validity(), p.queue(), p.priorities(), p.tenants(), p.job(), p.lanes(), p.adaptive(), p.retry(),
                p.circuit(), p.forbidden(), p.alerts(), executor);
    }

    /** Permits are valid for tens of milliseconds: traffic may start only once the executor holds its partitions. */
    private void awaitAssigned(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("the executor", () -> {
                try {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                            .get(5, TimeUnit.SECONDS).get(group);
                    return d != null && d.members().stream().map(MemberDescription::assignment)
                            .anyMatch(a -> a.topicPartitions().stream()
                                    .anyMatch(tp -> tp.topic().equals(topics.permits())));
                } catch (ExecutionException | TimeoutException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the executor", e);
                }
            });
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier ready) {
        long end = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(what + " was not ready within " + READY_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private static String since(long t0) {
        return String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Stops the governor, the executor (after its grace), the upstream and the broker, in that order. The
     * executor is told first so its grace runs while the governor closes: on Ctrl-C the two waits overlap
     * instead of adding up.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (executor != null) {
            executor.stop();
        }
        if (governor != null) {
            governor.close();
        }
        if (executor != null) {
            try {
                executorThread.join(EXECUTOR_GRACE.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (upstream != null) {
            upstream.close();
        }
        if (broker != null) {
            broker.close();
        }
        deleteStateDir();
    }

    private void deleteStateDir() {
        if (stateDir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp directory: the OS cleans up what is left
        }
    }
}
