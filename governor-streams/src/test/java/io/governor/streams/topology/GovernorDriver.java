package io.governor.streams.topology;

import io.governor.core.admission.AdmissionSettings;
import io.governor.schemas.event.DeadLetter;
import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.policy.PolicyDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The governor topology under {@link TopologyTestDriver} with virtual wall-clock time: tests send intents and
 * policy records, advance time, and read every output. Collected outputs accumulate across reads.
 */
final class GovernorDriver implements AutoCloseable {
    static final GovernorTopics TOPICS = GovernorTopics.defaults();

    final TopologyTestDriver driver;
    private final TestInputTopic<String, Intent> intents;
    private final TestInputTopic<String, byte[]> rawIntents;
    private final TestInputTopic<String, String> policies;
    private final TestInputTopic<String, Outcome> outcomes;
    private final TestInputTopic<String, byte[]> rawOutcomes;
    final GovernorCounters counters = new GovernorCounters();
    private final TestOutputTopic<String, Permit> permits;
    private final TestOutputTopic<String, Deferral> deferrals;
    private final TestOutputTopic<String, Rejection> rejections;
    private final TestOutputTopic<byte[], DeadLetter> deadLetters;
    final List<Permit> permitted = new ArrayList<>();
    final List<Deferral> deferred = new ArrayList<>();
    final List<Rejection> rejected = new ArrayList<>();
    final List<DeadLetter> dead = new ArrayList<>();

    GovernorDriver(PolicyDocument policy, AccountPolicyParser parser, Instant start) {
        this(policy, parser, start, Duration.ofMillis(20));
    }

    GovernorDriver(PolicyDocument policy, AccountPolicyParser parser, Instant start, Duration tick) {
        this(policy, parser, start, tick, StreamsConfig.AT_LEAST_ONCE);
    }

    /** With {@code guarantee} as the processing guarantee (the driver's default is at-least-once). */
    GovernorDriver(PolicyDocument policy, AccountPolicyParser parser, Instant start, Duration tick,
                   String guarantee) {
        var settings = new GovernorTopology.Settings(policy, parser, AdmissionSettings.defaults(), tick, false);
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "governor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        driver = new TopologyTestDriver(GovernorTopology.build(TOPICS, settings, counters), props, start);
        var keys = new StringSerializer();
        intents = driver.createInputTopic(TOPICS.intents(), keys, EventSerdes.intent());
        rawIntents = driver.createInputTopic(TOPICS.intents(), keys, new ByteArraySerializer());
        policies = driver.createInputTopic(TOPICS.policies(), keys, new StringSerializer());
        outcomes = driver.createInputTopic(TOPICS.outcomes(), keys, EventSerdes.outcome());
        rawOutcomes = driver.createInputTopic(TOPICS.outcomes(), keys, new ByteArraySerializer());
        var keyReader = new StringDeserializer();
        permits = driver.createOutputTopic(TOPICS.permits(), keyReader, EventSerdes.permit());
        deferrals = driver.createOutputTopic(TOPICS.deferred(), keyReader, EventSerdes.deferral());
        rejections = driver.createOutputTopic(TOPICS.rejected(), keyReader, EventSerdes.rejection());
        deadLetters = driver.createOutputTopic(TOPICS.dlq(), new ByteArrayDeserializer(), EventSerdes.deadLetter());
    }

    void send(Intent intent) {
        intents.pipeInput(intent.account(), intent);
    }

    void sendKeyed(String key, Intent intent) {
        intents.pipeInput(key, intent);
    }

    void sendRaw(String key, byte[] value) {
        rawIntents.pipeInput(key, value);
    }

    void outcome(Outcome o) {
        outcomes.pipeInput(o.account(), o);
    }

    void sendRawOutcome(String key, byte[] value) {
        rawOutcomes.pipeInput(key, value);
    }

    void policy(String account, String json) {
        policies.pipeInput(account, json);
    }

    /** Advances virtual wall-clock time in steps of {@code step}, letting punctuations run, and collects output. */
    void advance(Duration total, Duration step) {
        for (long done = 0; done < total.toMillis(); done += step.toMillis()) {
            driver.advanceWallClockTime(step);
        }
        collect();
    }

    void collect() {
        permitted.addAll(permits.readValuesToList());
        deferred.addAll(deferrals.readValuesToList());
        rejected.addAll(rejections.readValuesToList());
        dead.addAll(deadLetters.readValuesToList());
    }

    List<Permit> readPermits(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), EventSerdes.permit()).readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
