package io.governor.schemas.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every contract topic that does not exist yet; safe to run at each start. Topics that already exist
 * are kept as they are, but a partition count other than the one asked for is reported, because the governor
 * joins intents and outcomes by account and needs them co-partitioned.
 */
public final class TopicInitializer {
    private final Admin admin;
    private final GovernorTopics topics;
    private final int partitions;
    private final short replicationFactor;
    private final Duration timeout;

    public TopicInitializer(Admin admin, GovernorTopics topics, int partitions, short replicationFactor,
                            Duration timeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, was " + replicationFactor);
        }
        this.admin = admin;
        this.topics = topics;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /** The topics this initializer creates, with their configs; no broker needed. */
    public List<NewTopic> plannedTopics() {
        return plan(topics, partitions, replicationFactor);
    }

    /** The contract topics with their configs: {@code policies} compacted, the rest deleted by retention. */
    public static List<NewTopic> plan(GovernorTopics topics, int partitions, short replicationFactor) {
        List<NewTopic> planned = new ArrayList<>();
        for (String name : topics.all()) {
            NewTopic topic = new NewTopic(name, partitions, replicationFactor);
            if (topics.isCompacted(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            planned.add(topic);
        }
        return planned;
    }

    /**
     * Creates the missing topics and checks the existing ones.
     *
     * @throws TopicSetupException when the broker cannot be reached in time or refuses a creation
     */
    public TopicSetup ensureTopics() {
        List<NewTopic> planned = plannedTopics();
        CreateTopicsResult result = admin.createTopics(planned);
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (NewTopic topic : planned) {
            try {
                await(result.values().get(topic.name()));
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new TopicSetupException("cannot create topic " + topic.name() + ": " + e.getCause(), e.getCause());
                }
                existing.add(topic.name());
            }
        }
        return new TopicSetup(created, existing, partitionMismatches(existing));
    }

    private List<String> partitionMismatches(List<String> existing) {
        if (existing.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described;
        try {
            described = await(admin.describeTopics(existing).allTopicNames());
        } catch (ExecutionException e) {
            throw new TopicSetupException("cannot describe topics " + existing + ": " + e.getCause(), e.getCause());
        }
        List<String> problems = new ArrayList<>();
        for (String name : existing) {
            int actual = described.get(name).partitions().size();
            if (actual != partitions) {
                problems.add("topic " + name + " has " + actual + " partitions, expected " + partitions
                        + ": co-partitioned topics must have the same count (recreate it or start with --partitions "
                        + actual + ")");
            }
        }
        return List.copyOf(problems);
    }

    private <V> V await(KafkaFuture<V> future) throws ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TopicSetupException("broker did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("interrupted while creating topics", e);
        }
    }

    /** What {@link #ensureTopics()} found: topics it created, topics that were there, and problems with those. */
    public record TopicSetup(List<String> created, List<String> existing, List<String> problems) {
        public TopicSetup {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** This setup, or an exception listing every problem. */
        public TopicSetup orThrow() {
            if (!ok()) {
                throw new TopicSetupException(String.join("; ", problems), null);
            }
            return this;
        }
    }

    /** The topics could not be set up as the contract needs. */
    public static final class TopicSetupException extends RuntimeException {
        public TopicSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
