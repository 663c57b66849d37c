package io.governor.streams.app;

import io.governor.core.admission.AdmissionSettings;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.kafka.TopicInitializer;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.streams.GovernorStreamsOptions;
import io.governor.streams.errors.DeadLetterDeserializationHandler;
import io.governor.streams.errors.DeadLetterProcessingHandler;
import io.governor.streams.errors.DeadLetterProductionHandler;
import io.governor.streams.errors.DeadLetterRouting;
import io.governor.streams.http.GovernorHttpServer;
import io.governor.streams.http.StreamsQuotaDirectory;
import io.governor.streams.observe.GovernorMeters;
import io.governor.streams.observe.Observability;
import io.governor.streams.topology.AccountPolicyParser;
import io.governor.streams.topology.GovernorCounters;
import io.governor.streams.topology.GovernorTopology;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One governor instance: checks the broker and the topics, starts the Kafka Streams application and logs a
 * summary line every 10 s. Instances with the same application id share the accounts through Kafka's
 * partition assignment; there is nothing else to coordinate. With {@code --http-port} it serves /metrics,
 * /health and /quotas ({@link GovernorHttpServer}) and advertises that address as Streams' application.server,
 * so any instance can answer for an account another one owns.
 */
public final class GovernorApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GovernorApp.class);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(20);

    private final GovernorStreamsOptions options;
    private final GovernorTopics topics;
    private final PolicyDocument policy;
    private final AccountPolicyParser parser;
    private final GovernorCounters counters = new GovernorCounters();
    private final ScheduledExecutorService summary = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "governor-summary");
        t.setDaemon(true);
        return t;
    });
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private GovernorHttpServer http;
    private HostInfo server;

    private final Map<String, Object> overrides;

    public GovernorApp(GovernorStreamsOptions options, PolicyDocument policy, AccountPolicyParser parser) {
        this(options, policy, parser, Map.of());
    }

    /** With Kafka Streams settings that replace the governor's own (e.g. a short session timeout in tests). */
    public GovernorApp(GovernorStreamsOptions options, PolicyDocument policy, AccountPolicyParser parser,
                       Map<String, Object> streamsOverrides) {
        this.overrides = Map.copyOf(streamsOverrides);
        this.options = options;
        this.topics = new GovernorTopics(options.topicPrefix());
        this.policy = policy;
        this.parser = parser;
    }

    /** Creates missing topics, checks co-partitioning and starts processing; fails fast if the broker is away. */
    public void start() {
        int partitions = prepareTopics();
        if (options.httpEnabled()) {
            startHttp();
        }
        var settings = new GovernorTopology.Settings(policy, parser,
                AdmissionSettings.defaults().withLookahead(options.lookahead().toMillis())
                        .withReleaseTick(options.tick().toMillis())
                        .withDedupRetention(options.dedupRetention().toMillis()),
                options.tick(), true, new Observability(options.metricsInterval(), new GovernorMeters(registry)));
        streams = new KafkaStreams(GovernorTopology.build(topics, settings, counters), streamsConfig());
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; replacing it (its tasks resume from their stores)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        log.info("Governor {} started: {} partitions, topics {}*, exactly-once {}, lookahead {} ms, HTTP {}",
                options.applicationId(), partitions, topics.prefix(), options.exactlyOnce(),
                options.lookahead().toMillis(), http == null ? "off" : "on port " + http.port());
        summary.scheduleAtFixedRate(this::logSummary, 10, 10, TimeUnit.SECONDS);
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    public GovernorCounters counters() {
        return counters;
    }

    /** The Streams application, for tests that ask its metadata; null before start. */
    KafkaStreams streams() {
        return streams;
    }

    /** The instance's meters, as /metrics serves them. */
    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /** The port of the HTTP endpoint, or -1 when it is off (or not started yet). */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Binds the endpoint before Streams starts: its port is this instance's application.server. */
    private void startHttp() {
        try {
            http = new GovernorHttpServer(new InetSocketAddress(options.httpPort()), registry::scrape,
                    () -> state().name(), new StreamsQuotaDirectory(() -> streams, () -> server));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on port " + options.httpPort() + " (--http-port): "
                    + e.getMessage(), e);
        }
        server = new HostInfo(options.advertisedHost(), http.port());
    }

    /** Blocks until the application is RUNNING, or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + timeout.toNanos();
        while (state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > end || state() == KafkaStreams.State.ERROR
                    || state() == KafkaStreams.State.NOT_RUNNING) {
                throw new TimeoutException("governor not RUNNING after " + timeout.toSeconds() + " s (state "
                        + state() + ")");
            }
            Thread.sleep(50);
        }
    }

    Properties streamsConfig() {
        var p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                options.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.commitInterval().toMillis());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, options.standbyReplicas());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) options.replication());
        if (options.stateDir() != null) {
            p.put(StreamsConfig.STATE_DIR_CONFIG, options.stateDir().toString());
        }
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        p.put(DeadLetterRouting.TOPIC_PREFIX_CONFIG, topics.prefix());
        if (server != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.host() + ":" + server.port());
        }
        // Permits are small and latency matters more than batching.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        // Never wait for the task's empty partitions (policies, outcomes, re-key topic are mostly empty): each
        // record is decided on its own at wall-clock time, so there is no cross-topic order to wait for, and
        // the wait's bookkeeping was ~10 % of the stream thread (bench e2e profile).
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        p.putAll(overrides);
        return p;
    }

    /** Ensures every topic exists with equal partition counts where co-partitioning needs it; returns the count. */
    private int prepareTopics() {
        Map<String, Object> conf = new HashMap<>();
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(conf)) {
            try {
                admin.describeCluster().clusterId().get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new IllegalStateException("cannot reach Kafka at " + options.bootstrap() + " within "
                        + BROKER_TIMEOUT.toSeconds() + " s (is the broker running? try ./governor broker)", e);
            }
            var setup = new TopicInitializer(admin, topics, options.partitions(), options.replication(),
                    BROKER_TIMEOUT).ensureTopics();
            // Only intents, policies and the re-key topic must agree (checked below); other counts are a choice.
            setup.problems().forEach(problem -> log.warn("{}", problem));
            String byAccount = GovernorTopology.byAccountTopic(topics);
            int partitions = describe(admin, List.of(topics.intents())).get(topics.intents()).partitions().size();
            try {
                admin.createTopics(List.of(new NewTopic(byAccount, partitions, options.replication())))
                        .all().get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create " + byAccount + ": " + e.getCause().getMessage(), e);
                }
            }
            var described = describe(admin, List.of(topics.intents(), topics.policies(), topics.outcomes(),
                    byAccount));
            for (var entry : described.entrySet()) {
                int n = entry.getValue().partitions().size();
                if (n != partitions) {
                    throw new IllegalStateException("topic " + entry.getKey() + " has " + n + " partitions but "
                            + topics.intents() + " has " + partitions + ": an account's policy, intents and"
                            + " outcomes must land in the same partition, so give them the same count");
                }
            }
            return partitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + options.bootstrap() + " did not answer within "
                    + BROKER_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Describes topics, waiting out the moments after creation when the broker does not know them yet. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
            throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + BROKER_TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames()
                        .get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > end) {
                    throw new IllegalStateException("cannot describe topics " + names + ": "
                            + e.getCause().getMessage(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private long lastIntents;
    private long lastPermitted;
    private long lastDeferred;
    private long lastRejected;
    private long lastDead;

    private void logSummary() {
        long i = counters.intents();
        long p = counters.permitted();
        long d = counters.deferred();
        long r = counters.rejected();
        long x = counters.deadLetters();
        log.info("last 10 s: {} intents, {} permitted, {} deferred, {} rejected, {} dead letters; state {}",
                i - lastIntents, p - lastPermitted, d - lastDeferred, r - lastRejected, x - lastDead, state());
        lastIntents = i;
        lastPermitted = p;
        lastDeferred = d;
        lastRejected = r;
        lastDead = x;
    }

    @Override
    public void close() {
        summary.shutdownNow();
        if (http != null) {
            http.close();
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            log.info("Governor {} stopped", options.applicationId());
        }
        registry.close();
    }
}
