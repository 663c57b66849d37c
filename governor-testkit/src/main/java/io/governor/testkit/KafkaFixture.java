package io.governor.testkit;

import io.governor.schemas.json.GovernorJson;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.kafka.TopicInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One test's view of a shared broker: topic names under a prefix no other test uses, and clients that produce
 * and consume JSON with bounded waits. Tests get one from {@link SharedKafkaBroker}; closing it closes its
 * clients (its topics stay, they are unique anyway).
 */
public final class KafkaFixture implements AutoCloseable {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaBroker broker;
    private final String prefix;
    private Admin admin;
    private KafkaProducer<String, String> producer;

    /** A fixture for {@code broker} whose topic names all start with {@code prefix} (letters, digits, . _ -). */
    public KafkaFixture(KafkaBroker broker, String prefix) {
        this.broker = broker;
        this.prefix = new GovernorTopics(prefix).prefix();
    }

    public KafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The prefix of every topic this fixture names, e.g. {@code t7-shouldPermitOnce.}. */
    public String prefix() {
        return prefix;
    }

    /** {@code name} under this test's prefix. */
    public String topic(String name) {
        return prefix + name;
    }

    /** The contract topics under this test's prefix; pass them to the governor under test. */
    public GovernorTopics governorTopics() {
        return new GovernorTopics(prefix);
    }

    /** Creates the contract topics under this test's prefix (as the governor does at start) and returns the setup. */
    public TopicInitializer.TopicSetup createGovernorTopics(int partitions) {
        return new TopicInitializer(admin(), governorTopics(), partitions, (short) 1, ADMIN_TIMEOUT)
                .ensureTopics()
                .orThrow();
    }

    /** Creates topics by full name (use {@link #topic(String)}) with one replica; existing ones are kept. */
    public void createTopics(int partitions, String... topics) {
        List<NewTopic> planned = new ArrayList<>();
        for (String topic : topics) {
            planned.add(new NewTopic(topic, partitions, (short) 1));
        }
        Map<String, KafkaFuture<Void>> results = admin().createTopics(planned).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + result.getKey() + ": " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("broker did not create " + result.getKey() + " within " + ADMIN_TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating " + result.getKey(), e);
            }
        }
    }

    /** An admin client on the broker, created on first use and closed with this fixture. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientConfig());
        }
        return admin;
    }

    /** {@code bootstrap.servers} only: the base of every client config. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** A String/String producer config: idempotent, acks=all. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    /**
     * A String/String consumer config in group {@code groupId} (prefixed like the topics): from the earliest
     * offset, and read_committed so that records of aborted transactions are never seen.
     */
    public Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + groupId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    /**
     * Writes one record and waits for the broker's acknowledgement. A {@code String} value is sent as is (so a
     * test can send malformed JSON); anything else as Governor JSON; {@code null} as a tombstone.
     */
    public void produce(String topic, String key, Object value) {
        produce(topic, List.of(new KeyValue(key, value)));
    }

    /** Writes records in order and waits until the broker has acknowledged all of them. */
    public void produce(String topic, List<KeyValue> records) {
        KafkaProducer<String, String> client = producer();
        List<Future<?>> sent = new ArrayList<>(records.size());
        for (KeyValue record : records) {
            sent.add(client.send(new ProducerRecord<>(topic, record.key(), json(record.value()))));
        }
        client.flush();
        for (Future<?> ack : sent) {
            try {
                ack.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot write to " + topic + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing to " + topic, e);
            }
        }
    }

    /**
     * Reads {@code topic} from its beginning (all partitions, committed records only, no consumer group) until at
     * least {@code n} records have arrived, and returns all read so far.
     *
     * @throws AssertionError when fewer than {@code n} arrived within {@code timeout}; it says how many did
     */
    public List<ConsumerRecord<String, String>> consumeUntil(String topic, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(readCommittedConfig())) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic, deadline, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (read.size() < n && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(Math.min(200, remaining(deadline).toMillis())))
                        .forEach(read::add);
            }
        }
        if (read.size() < n) {
            throw new AssertionError("expected at least " + n + " records on " + topic + " within " + timeout
                    + " but read " + read.size() + describeLast(read));
        }
        return read;
    }

    /**
     * Reads every committed record of {@code topic} up to its current end, for assertions of the form "exactly
     * these and nothing more": call it once the writers are done.
     *
     * @throws AssertionError when the end is not reached within {@code timeout}
     */
    public List<ConsumerRecord<String, String>> readAll(String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(readCommittedConfig())) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic, deadline, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end offsets are the last stable offsets: open transactions are not waited for.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
            while (!reachedEnd(consumer, ends)) {
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError("did not reach the end of " + topic + " within " + timeout + " (read "
                            + read.size() + ", end offsets " + ends + ")");
                }
                consumer.poll(Duration.ofMillis(Math.min(200, remaining(deadline).toMillis()))).forEach(read::add);
            }
        }
        return read;
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> readCommittedConfig() {
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /** As {@link #consumeUntil(String, int, Duration)}, decoding each value as Governor JSON of {@code type}. */
    public <T> List<T> consumeUntil(String topic, int n, Duration timeout, Class<T> type) {
        return consumeUntil(topic, n, timeout).stream()
                .map(record -> GovernorJson.decode(record.value(), type))
                .collect(Collectors.toList());
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig());
        }
        return producer;
    }

    private static String json(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return GovernorJson.toJson(value);
    }

    // The topic may be created by the code under test while we already wait for its records.
    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, String topic,
                                                     long deadline, Duration timeout) {
        while (true) {
            List<TopicPartition> partitions;
            try {
                partitions = consumer.partitionsFor(topic, remaining(deadline)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .collect(Collectors.toList());
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                partitions = List.of(); // the client's way of saying the topic is unknown so far
            }
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("topic " + topic + " did not exist within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for topic " + topic, e);
            }
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000L, deadline - System.nanoTime()));
    }

    private static String describeLast(List<ConsumerRecord<String, String>> read) {
        if (read.isEmpty()) {
            return "";
        }
        ConsumerRecord<String, String> last = read.get(read.size() - 1);
        return "; the last was key=" + last.key() + " value=" + last.value();
    }

    /** One record to produce: {@code value} as in {@link #produce(String, String, Object)}. */
    public record KeyValue(String key, Object value) {
    }
}
