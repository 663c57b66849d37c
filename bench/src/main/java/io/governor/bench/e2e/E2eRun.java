package io.governor.bench.e2e;

import io.governor.bench.Host;
import io.governor.core.admission.AdmissionSettings;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import io.governor.schemas.json.GovernorJson;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.kafka.TopicInitializer;
import io.governor.schemas.policy.PolicyLoader;
import io.governor.streams.topology.AccountPolicyParser;
import io.governor.streams.topology.GovernorCounters;
import io.governor.streams.topology.GovernorTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * One end-to-end configuration on a running broker: fresh topics under their own prefix, the topology started
 * with the governor's production Streams settings (exactly-once v2, 100 ms commit interval, linger 5 ms, 2,000
 * records per poll, RocksDB stores), N intents produced as fast as an idempotent producer goes, permits read
 * read_committed until every intent has its permit.
 */
final class E2eRun {
    /** The governor's defaults (GovernorStreamsOptions, GovernorApp): both topologies get exactly these. */
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    static final Duration TICK = Duration.ofMillis(20);
    /** A createdAt that keeps a permit out of the latencies (the first permits of a deep-queue run). */
    private static final long NOT_MEASURED = Long.MIN_VALUE;

    private final String bootstrap;
    private final E2eOptions options;
    /** Intents per second the producer is held to; 0: as fast as it goes. */
    private final long rate;

    E2eRun(String bootstrap, E2eOptions options) {
        this(bootstrap, options, 0);
    }

    E2eRun(String bootstrap, E2eOptions options, long rate) {
        this.bootstrap = bootstrap;
        this.options = options;
        this.rate = rate;
    }

    E2eFigure run(E2eMode mode, int partitions, int accounts, String runId) throws Exception {
        var topics = new GovernorTopics("bench-" + runId + ".");
        createTopics(topics, partitions);
        long perAccount = Math.max(1, options.bindingCapacityPerSecond() / accounts);
        var counters = new GovernorCounters();
        Topology topology = mode == E2eMode.PASS_THROUGH ? PassThroughTopology.build(topics)
                : GovernorTopology.build(topics, new GovernorTopology.Settings(
                        PolicyLoader.parse("bench.yaml", mode.policyYaml(perAccount)), AccountPolicyParser.STANDARD,
                        AdmissionSettings.defaults(), TICK, true), counters);
        Path stateDir = Files.createTempDirectory("bench-e2e-");
        String applicationId = "bench-" + runId;
        int n = options.intents();
        var createdAt = new AtomicLongArray(n);
        var latencies = new StageLatencies(n);
        try (var streams = new KafkaStreams(topology, streamsConfig(applicationId, stateDir))) {
            var failure = new AtomicReference<Throwable>();
            streams.setUncaughtExceptionHandler(e -> {
                failure.set(e);
                return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                        .SHUTDOWN_CLIENT;
            });
            streams.start();
            awaitRunning(streams, failure);
            double load = Host.loadAverage();
            long cpuBefore = StreamThreadCpu.nanos(applicationId);
            long jitBefore = Host.jitMillis();
            long[] producedAt = new long[2];
            var permitsSeen = new AtomicInteger();
            Thread producer = new Thread(() -> produce(topics, accounts, createdAt, producedAt, permitsSeen),
                    "bench-producer");
            long start = System.currentTimeMillis();
            producer.start();
            long depth = 0;
            if (mode == E2eMode.DEEP_QUEUE) {
                producer.join();
                depth = awaitQueued(counters, n, accounts, failure);
                start = returnCapacity(topics, accounts, createdAt);
            }
            Received received = consume(topics, partitions, n, createdAt, latencies, failure, permitsSeen);
            producer.join();
            if (rate > 0) {
                printSlowestDecisions(latencies);
            }
            long cpu = StreamThreadCpu.nanos(applicationId) - cpuBefore;
            long jit = jitBefore < 0 ? -1 : Host.jitMillis() - jitBefore;
            double seconds = Math.max(1, received.lastAt() - start) / 1000.0;
            int measured = mode == E2eMode.DEEP_QUEUE ? received.permits() - Math.min(n, accounts) : received.permits();
            E2eFigure.StateBytes state = mode == E2eMode.PASS_THROUGH ? E2eFigure.StateBytes.NONE
                    : StateCensus.of(streams, accounts);
            return new E2eFigure(mode, n, partitions, accounts, received.permits(), received.duplicates(),
                    counters.deferred(), measured / seconds,
                    n / (Math.max(1, producedAt[1] - producedAt[0]) / 1000.0), latencies.total.percentile(50),
                    latencies.total.percentile(99), latencies.total.percentile(100),
                    mode == E2eMode.GOVERNOR_BINDING ? perAccount * accounts
                            : mode == E2eMode.DEEP_QUEUE ? releasePerAccount(accounts) * accounts : 0, state,
                    Math.max(load, Host.loadAverage()), cpu < 0 ? -1 : cpu / 1000.0 / n, depth, commitLatency(streams),
                    changelogRecords(applicationId) / (double) n, latencies.stages(), jit);
        } finally {
            Host.deleteTree(stateDir);
        }
    }

    /**
     * At a steady rate p99 is made of stalls; printing when the slowest decisions were created lets them be matched
     * with a GC log or a JFR recording of the same run.
     */
    private static void printSlowestDecisions(StageLatencies latencies) {
        var time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);
        StringBuilder line = new StringBuilder("  slowest decisions by " + StageLatencies.WINDOW_MS
                + " ms window of creation (UTC):");
        for (long[] w : latencies.slowestDecisions(5)) {
            line.append(String.format(Locale.ROOT, " %s %d ms (%d intents);",
                    time.format(java.time.Instant.ofEpochMilli(w[0])), w[1], w[2]));
        }
        System.out.println(line);
    }

    private static E2eFigure.CommitLatency commitLatency(KafkaStreams streams) {
        double avg = Double.NaN;
        double max = Double.NaN;
        for (var m : streams.metrics().entrySet()) {
            if (m.getKey().group().equals("stream-thread-metrics") && m.getValue().metricValue() instanceof Double v
                    && !v.isNaN()) {
                switch (m.getKey().name()) {
                    case "commit-latency-avg" -> avg = v;
                    case "commit-latency-max" -> max = v;
                    default -> { }
                }
            }
        }
        return new E2eFigure.CommitLatency(avg, max);
    }

    private long releasePerAccount(int accounts) {
        return Math.max(1, options.releaseCapacityPerSecond() / accounts);
    }

    /**
     * Waits until every intent of a {@link E2eMode#DEEP_QUEUE} run was decided (the first of each account
     * permitted, the others deferred), and returns how many wait.
     */
    private long awaitQueued(GovernorCounters counters, int n, int accounts, AtomicReference<Throwable> failure)
            throws InterruptedException {
        long end = System.nanoTime() + options.timeout().toNanos();
        while (counters.permitted() + counters.deferred() < n) {
            if (System.nanoTime() > end || failure.get() != null) {
                throw new IllegalStateException("queue not filled: " + counters.permitted() + " permitted, "
                        + counters.deferred() + " deferred of " + n + " after " + options.timeout().toSeconds()
                        + " s", failure.get());
            }
            Thread.sleep(20);
        }
        if (counters.permitted() != Math.min(n, accounts)) {
            throw new IllegalStateException("expected one permit per account before the capacity returns, got "
                    + counters.permitted());
        }
        return counters.deferred();
    }

    /**
     * Gives each account of a {@link E2eMode#DEEP_QUEUE} run its capacity back (one policy record each) and
     * restamps the waiting intents, so their latency runs from this moment; returns it.
     */
    private long returnCapacity(GovernorTopics topics, int accounts, AtomicLongArray createdAt) {
        Map<String, Object> conf = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        String policy = E2eMode.releasePolicyJson(releasePerAccount(accounts));
        long at = System.currentTimeMillis();
        for (int i = 0; i < createdAt.length(); i++) {
            createdAt.set(i, i < accounts ? NOT_MEASURED : at);
        }
        try (var producer = new KafkaProducer<>(conf, new StringSerializer(), new StringSerializer())) {
            for (int a = 0; a < accounts; a++) {
                producer.send(new ProducerRecord<>(topics.policies(), "acct-" + a, policy));
            }
            producer.flush();
        }
        return at;
    }

    private Properties streamsConfig(String applicationId, Path stateDir) {
        var p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL.toMillis());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        // GovernorApp's setting (never wait for empty partitions); --task-idle-ms 0 is Streams' default.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, options.taskIdleMs());
        // Not the governor's setting (Streams' 10 s): on a 2-core box shared with builds, a transaction over a
        // 2,000-record poll can outlast 10 s, the broker aborts it and fences the task, and the run measures
        // rebalances. Both topologies get the same value.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 60_000);
        return p;
    }

    /**
     * Records in the application's changelog topics (end offsets, so a transaction's commit marker counts as one
     * record): what its state cost in writes, next to the one permit per intent both topologies produce.
     */
    private long changelogRecords(String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> changelogs = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-changelog")).toList();
            if (changelogs.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(changelogs).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d ->
                    d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()),
                            OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }

    private void createTopics(GovernorTopics topics, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicInitializer(admin, topics, partitions, (short) 1, Duration.ofSeconds(30)).ensureTopics()
                    .orThrow();
            admin.createTopics(List.of(new NewTopic(GovernorTopology.byAccountTopic(topics), partitions, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            // A topic just created may not be in every metadata answer yet; Streams fails on a missing source.
            List<String> names = List.of(topics.intents(), topics.permits(), topics.policies(),
                    GovernorTopology.byAccountTopic(topics));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.nanoTime() > end) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    /**
     * Sends intent i (id "i&lt;i&gt;") keyed by its account, stamping createdAt just before the send. Held to a rate,
     * it first primes the run: one intent per account, not measured, and waits for their permits, so the measured
     * intents meet a running application. Without it every paced run's first ~0.3 s (this producer's metadata and
     * id, the application's first transaction, each account's first load) were its slowest decisions (150–213 ms
     * against ~10 ms after), which at 2,000 intents/s is the p99 itself: a start-up figure, not a steady one.
     */
    private void produce(GovernorTopics topics, int accounts, AtomicLongArray createdAt, long[] producedAt,
                         AtomicInteger permitsSeen) {
        Map<String, Object> conf = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        try (var producer = new KafkaProducer<>(conf, new StringSerializer(), new ByteArraySerializer())) {
            producedAt[0] = System.currentTimeMillis();
            int primed = rate > 0 ? Math.min(accounts, createdAt.length() / 2) : 0;
            long startNanos = System.nanoTime();
            for (int i = 0; i < createdAt.length(); i++) {
                if (i == primed && primed > 0) {
                    producer.flush();
                    awaitPermits(permitsSeen, primed);
                    startNanos = System.nanoTime();
                }
                if (rate > 0 && i >= primed) {
                    long due = startNanos + (long) ((i - primed) * 1e9 / rate);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                String account = "acct-" + (i % accounts);
                long now = System.currentTimeMillis();
                createdAt.set(i, i < primed ? NOT_MEASURED : now);
                Intent intent = new Intent("i" + i, account, null, null, Priority.NORMAL, 1, null, null, null, null,
                        null, null, null, null, now);
                producer.send(new ProducerRecord<>(topics.intents(), account, GovernorJson.toBytes(intent)));
            }
            producer.flush();
            producedAt[1] = System.currentTimeMillis();
        }
    }

    private record Received(int permits, int duplicates, long lastAt) {
    }

    /** Waits until the consumer has seen {@code count} permits, at most the run's timeout. */
    private void awaitPermits(AtomicInteger permitsSeen, int count) {
        long end = System.nanoTime() + options.timeout().toNanos();
        while (permitsSeen.get() < count && System.nanoTime() < end) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private Received consume(GovernorTopics topics, int partitions, int n, AtomicLongArray createdAt,
                             StageLatencies latencies, AtomicReference<Throwable> failure,
                             AtomicInteger permitsSeen) {
        Map<String, Object> conf = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        boolean[] seen = new boolean[n];
        int permits = 0;
        int duplicates = 0;
        long lastAt = System.currentTimeMillis();
        long deadline = System.nanoTime() + options.timeout().toNanos();
        try (var consumer = new KafkaConsumer<>(conf, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topics.permits(), p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            while (permits < n) {
                if (System.nanoTime() > deadline || failure.get() != null) {
                    throw new IllegalStateException(permits + " of " + n + " permits after "
                            + options.timeout().toSeconds() + " s (raise --timeout or lower --intents)",
                            failure.get());
                }
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    int i = IntentIds.sequenceOf(r.value());
                    if (seen[i]) {
                        duplicates++;
                        continue;
                    }
                    seen[i] = true;
                    permits++;
                    permitsSeen.incrementAndGet();
                    long created = createdAt.get(i);
                    if (created != NOT_MEASURED) {
                        latencies.add(created, r.timestamp(), now);
                    }
                    lastAt = now;
                }
            }
        }
        return new Received(permits, duplicates, lastAt);
    }

    private static void awaitRunning(KafkaStreams streams, AtomicReference<Throwable> failure)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > end || failure.get() != null || streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("Streams not RUNNING (state " + streams.state() + ")", failure.get());
            }
            Thread.sleep(20);
        }
    }
}
