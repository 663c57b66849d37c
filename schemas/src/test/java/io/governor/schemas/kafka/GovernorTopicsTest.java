package io.governor.schemas.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.InvalidFieldException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class GovernorTopicsTest {

    @Test
    void shouldNameTheContractTopicsUnderTheDefaultPrefix() {
        assertEquals(List.of("governor.intents", "governor.permits", "governor.deferred", "governor.rejected",
                "governor.outcomes", "governor.results", "governor.metrics", "governor.alerts", "governor.policies",
                "governor.dlq"), GovernorTopics.defaults().all());
    }

    @Test
    void shouldApplyACustomPrefix() {
        GovernorTopics topics = new GovernorTopics("staging.gov.");
        assertEquals("staging.gov.intents", topics.intents());
        assertEquals("staging.gov.dlq", topics.dlq());
        assertEquals("governor.permits", new GovernorTopics(null).permits());
    }

    @Test
    void shouldRefuseAPrefixKafkaCannotName() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new GovernorTopics("bad prefix/"));
        assertEquals("prefix", e.field());
    }

    @Test
    void shouldPlanEveryTopicWithOnlyPoliciesCompacted() {
        GovernorTopics topics = GovernorTopics.defaults();
        List<NewTopic> planned = TopicInitializer.plan(topics, 6, (short) 3);
        assertEquals(topics.all(), planned.stream().map(NewTopic::name).toList());
        for (NewTopic topic : planned) {
            assertEquals(6, topic.numPartitions());
            assertEquals(3, topic.replicationFactor());
            Map<String, String> configs = topic.configs() == null ? Map.of() : topic.configs();
            if (topic.name().equals(topics.policies())) {
                assertEquals("compact", configs.get("cleanup.policy"));
            } else {
                assertTrue(!configs.containsKey("cleanup.policy"), topic.name());
            }
        }
    }

    @Test
    void shouldRefuseZeroPartitions() {
        assertThrows(IllegalArgumentException.class,
                () -> new TopicInitializer(null, GovernorTopics.defaults(), 0, (short) 1, java.time.Duration.ofSeconds(1)));
    }
}
