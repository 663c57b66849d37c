package io.governor.simulator.virtual;

import io.governor.core.admission.AdmissionSettings;
import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.kafka.EventSerdes;
import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.streams.topology.AccountPolicyParser;
import io.governor.streams.topology.GovernorCounters;
import io.governor.streams.topology.GovernorTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The real governor topology under {@link TopologyTestDriver}, on a virtual wall clock that only moves forward
 * when told. Wall-clock punctuations fire on the {@link PunctuationGrid}, as they would in a real instance.
 */
final class TopologyEngine implements VirtualEngine {
    private static final GovernorTopics TOPICS = GovernorTopics.defaults();
    /** governor-streams' wake-up store; entries {@code 0|at^MIN|account} order accounts by wake time. */
    private static final String WAKE_UPS = "governor-wakeups";

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Intent> intents;
    /** Null when the topology does not read outcomes (the driver refuses a topic nobody reads). */
    private final TestInputTopic<String, Outcome> outcomes;
    private final TestOutputTopic<String, Permit> permits;
    private final TestOutputTopic<String, Deferral> deferrals;
    private final TestOutputTopic<String, Rejection> rejections;
    private final KeyValueStore<Bytes, byte[]> wakeUps;
    private final PunctuationGrid grid;
    private final Path stateDir;
    private long nowMs;

    TopologyEngine(PolicyDocument policy, AdmissionSettings admission, long startMs, Duration tick) {
        // In-memory stores without changelogs: a virtual run is never restored, and changelog records through the
        // driver were a third of its cost.
        var settings = new GovernorTopology.Settings(policy, AccountPolicyParser.STANDARD, admission, tick,
                GovernorTopology.Storage.IN_MEMORY_NO_CHANGELOG, null);
        try {
            stateDir = Files.createTempDirectory("governor-simulator-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the virtual governor", e);
        }
        var props = new Properties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "governor-simulator");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Topology topology = GovernorTopology.build(TOPICS, settings, new GovernorCounters());
        driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(startMs));
        intents = driver.createInputTopic(TOPICS.intents(), new StringSerializer(), EventSerdes.intent());
        outcomes = reads(topology, TOPICS.outcomes())
                ? driver.createInputTopic(TOPICS.outcomes(), new StringSerializer(), EventSerdes.outcome()) : null;
        var keys = new StringDeserializer();
        permits = driver.createOutputTopic(TOPICS.permits(), keys, EventSerdes.permit());
        deferrals = driver.createOutputTopic(TOPICS.deferred(), keys, EventSerdes.deferral());
        rejections = driver.createOutputTopic(TOPICS.rejected(), keys, EventSerdes.rejection());
        wakeUps = driver.getKeyValueStore(WAKE_UPS);
        this.grid = new PunctuationGrid(startMs, tick.toMillis());
        this.nowMs = startMs;
    }

    @Override
    public long now() {
        return nowMs;
    }

    @Override
    public void advanceTo(long t) {
        if (t > nowMs) {
            driver.advanceWallClockTime(Duration.ofMillis(t - nowMs));
            nowMs = t;
        }
    }

    @Override
    public void offer(Intent intent) {
        intents.pipeInput(intent.account(), intent, nowMs);
    }

    /** True when outcomes reach the governor (its topology has an outcomes source). */
    @Override
    public boolean takesOutcomes() {
        return outcomes != null;
    }

    @Override
    public void outcome(Outcome outcome) {
        outcomes.pipeInput(outcome.account(), outcome, nowMs);
    }

    private static boolean reads(Topology topology, String topic) {
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null
                        && source.topicSet().contains(topic)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public List<Permit> permits() {
        return permits.readValuesToList();
    }

    @Override
    public List<Deferral> deferrals() {
        return deferrals.readValuesToList();
    }

    @Override
    public List<Rejection> rejections() {
        return rejections.readValuesToList();
    }

    /**
     * {@inheritDoc}
     * TODO(governor-streams): reads the store's key layout; a public "next wake-up" accessor would be better.
     * The caller bounds its steps, so a changed layout slows a run down but cannot make it wrong.
     */
    @Override
    public long nextWakeTick() {
        long earliest = Long.MAX_VALUE;
        try (var it = wakeUps.prefixScan(Bytes.wrap(new byte[] {0}), Serdes.Bytes().serializer())) {
            if (it.hasNext()) {
                byte[] k = it.next().key.get();
                if (k.length >= 9) {
                    earliest = ByteBuffer.wrap(k, 1, 8).getLong() ^ Long.MIN_VALUE;
                }
            }
        }
        return grid.wakeTick(earliest, nowMs);
    }

    @Override
    public long tickAtOrAfter(long t) {
        return grid.atOrAfter(t);
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + stateDir, e);
        }
    }
}
