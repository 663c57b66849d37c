package io.governor.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.streams.topology.WindowOracle;
import io.governor.testkit.KafkaBroker;
import io.governor.testkit.KafkaBrokers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claim under a crash: two governor instances share 30 accounts over 3 partitions; one is killed with
 * SIGKILL mid-run. Afterwards every intent was permitted or rejected exactly once (read_committed, as
 * executors read) and no account's window was exceeded across both instances.
 */
class GovernorFailoverIT {
    static final int INTENTS = 20_000;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBrokers.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void shouldPermitEveryIntentExactlyOnceAndKeepEveryWindowWhenAnInstanceIsKilled() throws Exception {
        String prefix = "failover.";
        var topics = new GovernorTopics(prefix);
        Path stateA = Files.createTempDirectory("governor-a");
        Path stateB = Files.createTempDirectory("governor-b");
        Process a = startChild(stateA, prefix);
        try (var b = new GovernorApp(GovernorInstanceMain.options(broker.bootstrapServers(), stateB, prefix),
                GovernorInstanceMain.policy(), GovernorInstanceMain.noRuntimePolicies(),
                GovernorInstanceMain.FAST_FAILOVER)) {
            b.start();
            b.awaitRunning(Duration.ofSeconds(60));
            produce(topics, 0, INTENTS / 2);
            // Kill A only once it owns tasks (its state dir has task folders) and has had time to decide some.
            long assigned = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!ownsTasks(stateA)) {
                assertTrue(a.isAlive(), "instance A exited early, see " + stateA.resolve("instance.log"));
                assertTrue(System.nanoTime() < assigned, "instance A was never assigned a task");
                Thread.sleep(200);
            }
            Thread.sleep(3_000);
            a.destroyForcibly().waitFor();
            produce(topics, INTENTS / 2, INTENTS);

            Map<String, Integer> decided = new HashMap<>();
            List<Permit> permits = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            try (var consumer = consumer(topics)) {
                while (decided.size() < INTENTS && System.nanoTime() < deadline) {
                    for (var r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.topic().equals(topics.permits())) {
                            Permit p = EventSerdes.permit().deserialize(r.topic(), r.value());
                            permits.add(p);
                            decided.merge(p.intentId(), 1, Integer::sum);
                        } else {
                            Rejection x = EventSerdes.rejection().deserialize(r.topic(), r.value());
                            decided.merge(x.intentId(), 1, Integer::sum);
                        }
                    }
                }
                // Anything decided twice would show up shortly after the last one.
                for (int i = 0; i < 4; i++) {
                    for (var r : consumer.poll(Duration.ofMillis(500))) {
                        String id = r.topic().equals(topics.permits())
                                ? EventSerdes.permit().deserialize(r.topic(), r.value()).intentId()
                                : EventSerdes.rejection().deserialize(r.topic(), r.value()).intentId();
                        decided.merge(id, 1, Integer::sum);
                    }
                }
            }
            assertEquals(INTENTS, decided.size(), "every intent decided");
            decided.forEach((id, n) -> assertEquals(1, n, id + " decided " + n + " times"));
            Map<String, List<Permit>> byAccount = new HashMap<>();
            permits.forEach(p -> byAccount.computeIfAbsent(p.account(), k -> new ArrayList<>()).add(p));
            for (var entry : byAccount.entrySet()) {
                assertTrue(WindowOracle.maxInAnyRollingWindow(entry.getValue(), 1_000) <= GovernorInstanceMain.PER_SECOND, entry.getKey());
                assertTrue(WindowOracle.maxInAnyRollingWindow(entry.getValue(), 60_000) <= GovernorInstanceMain.PER_MINUTE, entry.getKey());
            }
        } finally {
            a.destroyForcibly();
        }
    }

    private static boolean ownsTasks(Path stateDir) throws java.io.IOException {
        try (var tasks = Files.walk(stateDir, 2)) {
            return tasks.anyMatch(d -> d.getFileName().toString().matches("\\d+_\\d+"));
        }
    }

    private static Process startChild(Path stateDir, String prefix) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                GovernorInstanceMain.class.getName(), broker.bootstrapServers(), stateDir.toString(), prefix);
        pb.redirectErrorStream(true);
        pb.redirectOutput(new File(stateDir.toFile(), "instance.log"));
        return pb.start();
    }

    private static void produce(GovernorTopics topics, int from, int to) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), EventSerdes.intent())) {
            for (int i = from; i < to; i++) {
                String account = "acct-" + (i % GovernorInstanceMain.ACCOUNTS);
                producer.send(new ProducerRecord<>(topics.intents(), account, Intent.of("it-" + i, account)));
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(GovernorTopics topics) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "failover-check");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        consumer.subscribe(List.of(topics.permits(), topics.rejected()));
        return consumer;
    }
}
