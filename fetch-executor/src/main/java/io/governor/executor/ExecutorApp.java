package io.governor.executor;

import io.governor.executor.call.CallExecutor;
import io.governor.executor.call.CallSettings;
import io.governor.executor.call.Waiter;
import io.governor.executor.kafka.PermitConsumer;
import io.governor.executor.metrics.ExecutorMetrics;
import io.governor.executor.secret.SecretHeaders;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.PolicyLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./governor executor}: wires Kafka clients, the HTTP client and the policy into a {@link PermitConsumer}.
 * Construction loads and checks everything (policy, {@code ${ENV}} secrets) so that bad input fails before any
 * connection; {@link #run()} blocks until {@link #stop()} and the drain that follows.
 */
public final class ExecutorApp {
    private static final Logger log = LoggerFactory.getLogger(ExecutorApp.class);

    private final ExecutorOptions options;
    private final PolicyDocument policy;
    private final SecretHeaders secrets;
    private final MeterRegistry registry;
    private final Clock clock;
    private final HttpClient http;
    private final String executorName;
    private final Map<String, Object> clientOverrides;
    private volatile PermitConsumer loop;
    private volatile boolean stopRequested;

    /** The production wiring: policy from {@code options.policy()}, secrets from the process environment. */
    public ExecutorApp(ExecutorOptions options) {
        this(options, PolicyLoader.load(options.policy()), System::getenv, new SimpleMeterRegistry(),
                Clock.systemUTC(), CallExecutor.defaultClient(), Map.of());
    }

    /**
     * Explicit wiring for tests and embedding; {@code clientOverrides} are Kafka client settings laid over ours
     * (both clients), e.g. {@code session.timeout.ms}. Throws {@link io.governor.schemas.InvalidFieldException} (e.g.
     * {@link io.governor.executor.secret.MissingSecretException}) when the policy cannot be served.
     */
    public ExecutorApp(ExecutorOptions options, PolicyDocument policy, Function<String, String> env,
                       MeterRegistry registry, Clock clock, HttpClient http, Map<String, Object> clientOverrides) {
        this.options = options;
        this.policy = policy;
        this.secrets = SecretHeaders.expand(policy, env);
        this.registry = registry;
        this.clock = clock;
        this.http = http;
        this.clientOverrides = Map.copyOf(clientOverrides);
        this.executorName = "executor@" + hostName() + ":" + ProcessHandle.current().pid();
    }

    /** Consumes permits until {@link #stop()}, then drains within the grace. Returns normally after a stop. */
    public void run() {
        CallExecutor calls = new CallExecutor(http, policy, secrets,
                new CallSettings(options.concurrency(), options.maxBody(), executorName),
                clock, Waiter.on(clock), new ExecutorMetrics(registry));
        try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerConfig());
             var producer = new KafkaProducer<byte[], byte[]>(producerConfig())) {
            PermitConsumer permitConsumer = new PermitConsumer(consumer, producer, calls, options.topics(),
                    options.delivery(), options.concurrency(), options.grace(), clock);
            loop = permitConsumer;
            if (stopRequested) {
                permitConsumer.stop();
            }
            log.info("{} consuming {} as group {} ({}, concurrency {}, max body {} bytes)", executorName,
                    options.topics().permits(), options.groupId(), options.delivery(), options.concurrency(),
                    options.maxBody());
            permitConsumer.run();
            producer.flush();
        }
        log.info("{} stopped", executorName);
    }

    /** Stops taking permits; {@link #run()} returns once calls in progress are reported. Any thread. */
    public void stop() {
        stopRequested = true;
        PermitConsumer l = loop;
        if (l != null) {
            l.stop();
        }
    }

    /**
     * Runs until SIGTERM/SIGINT and returns 0 after a clean drain. The JVM reports 143 for a SIGTERM whatever its
     * hooks do, so once the drain is over the hook halts the JVM with status 0, as the contract asks.
     */
    public int runUntilSignalled() {
        var done = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop();
            try {
                done.await(options.grace().plusSeconds(15).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0);
        }, "executor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            run();
        } finally {
            done.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it halts with 0
        }
        return 0;
    }

    public String executorName() {
        return executorName;
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    private Map<String, Object> consumerConfig() {
        return withOverrides(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, options.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, executorName + "-permits",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // The governor writes permits in exactly-once transactions: one aborted by a crash never happened.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // One poll never takes more than the process may have in flight.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.concurrency(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private Map<String, Object> producerConfig() {
        return withOverrides(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap(),
                ProducerConfig.CLIENT_ID_CONFIG, executorName + "-outcomes",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private Map<String, Object> withOverrides(Map<String, Object> ours) {
        Map<String, Object> config = new java.util.HashMap<>(ours);
        clientOverrides.forEach((key, value) -> {
            boolean forConsumer = ConsumerConfig.configNames().contains(key);
            boolean forProducer = ProducerConfig.configNames().contains(key);
            if (ours.containsKey(ConsumerConfig.GROUP_ID_CONFIG) ? forConsumer : forProducer) {
                config.put(key, value);
            }
        });
        return config;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** For logs and tests: the grace the drain will wait. */
    public Duration grace() {
        return options.grace();
    }
}
