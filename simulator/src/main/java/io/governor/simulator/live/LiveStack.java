package io.governor.simulator.live;

import io.governor.executor.ExecutorApp;
import io.governor.executor.ExecutorOptions;
import io.governor.executor.call.CallExecutor;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.ExecutorSpec;
import io.governor.schemas.policy.PolicyDocument;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * Everything a live run needs, started in order and stopped in reverse: a broker (embedded unless one is given),
 * the simulated upstream's HTTP face, a real governor (Kafka Streams) and a real executor, on topics and ids of
 * their own so a run on a shared broker meets nothing else. The policy is the scenario's with the upstream's URL
 * added to every account's {@code executor.allow}. {@link #close()} is idempotent and safe from a shutdown hook.
 */
public final class LiveStack implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXECUTOR_GRACE = Duration.ofSeconds(3);

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
        PolicyDocument policy = allowing(scenarioPolicy, upstream.baseUrl());
        try {
            stateDir = Files.createTempDirectory("governor-live-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the governor", e);
        }
        var governorOptions = new GovernorStreamsOptions(bootstrap, "governor-sim-" + runId, stateDir, topics.prefix(),
                null, null, null, null, 0, true, 1, (short) 1);
        governor = new GovernorApp(governorOptions, policy, AccountPolicyParser.STANDARD);
        governor.start();   // fails within ~20 s, naming the address, when the broker is away
        await("the governor", () -> governor.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        log.println("live: governor running on topics " + topics.prefix() + "* (" + since(t0) + ")");

        String group = "governor-sim-executor-" + runId;
        executor = new ExecutorApp(new ExecutorOptions(bootstrap, source, 64, 64 * 1024, EXECUTOR_GRACE, false, group,
                topics.prefix()), policy, System::getenv, new SimpleMeterRegistry(), Clock.systemUTC(),
                CallExecutor.defaultClient(), Map.of());
        executorThread = new Thread(executor::run, "live-executor");
        executorThread.setDaemon(true);
        executorThread.start();
        awaitAssigned(group);
        log.println("live: executor consuming permits (" + since(t0) + ")");
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

    /** Stops the governor, the executor (after its grace), the upstream and the broker, in that order. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (governor != null) {
            governor.close();
        }
        if (executor != null) {
            executor.stop();
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
