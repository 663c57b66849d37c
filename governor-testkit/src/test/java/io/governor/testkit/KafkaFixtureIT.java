package io.governor.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Rejection;
import io.governor.schemas.event.RejectionReason;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class KafkaFixtureIT {

    @Test
    void shouldGiveEachTestMethodItsOwnPrefixOnTheSharedBroker(KafkaBroker broker, KafkaFixture kafka) {
        assertEquals(broker.bootstrapServers(), kafka.bootstrapServers());
        assertTrue(kafka.prefix().matches("t\\d+-shouldGiveEachTestMethodItsOwnPrefixOnTheSharedBroker\\."),
                kafka.prefix());
    }

    @Test
    void shouldRoundTripEventsAsGovernorJson(KafkaFixture kafka) {
        String topic = kafka.topic("rejected");
        kafka.createTopics(1, topic);
        Rejection rejection = new Rejection("intent-1", "acct", RejectionReason.QUEUE_FULL, "queue holds 10", 1_000L);

        kafka.produce(topic, "acct", rejection);

        assertEquals(List.of(rejection), kafka.consumeUntil(topic, 1, Duration.ofSeconds(30), Rejection.class));
    }

    @Test
    void shouldSendStringValuesAsTheyAre(KafkaFixture kafka) {
        String topic = kafka.topic("raw");
        kafka.createTopics(1, topic);

        kafka.produce(topic, List.of(new KafkaFixture.KeyValue("a", "{not json"), new KafkaFixture.KeyValue("b", null)));

        List<ConsumerRecord<String, String>> read = kafka.readAll(topic, Duration.ofSeconds(30));
        assertEquals(List.of("a", "b"), read.stream().map(ConsumerRecord::key).collect(Collectors.toList()));
        assertEquals("{not json", read.get(0).value());
        assertNull(read.get(1).value());
    }

    @Test
    void shouldFailSayingHowManyArrivedWhenTooFewArriveInTime(KafkaFixture kafka) {
        String topic = kafka.topic("few");
        kafka.createTopics(3, topic);
        kafka.produce(topic, "k", "one");

        AssertionError error = assertThrows(AssertionError.class,
                () -> kafka.consumeUntil(topic, 2, Duration.ofSeconds(2)));

        assertTrue(error.getMessage().contains("expected at least 2 records on " + topic)
                && error.getMessage().contains("but read 1"), error.getMessage());
    }

    @Test
    void shouldFailNamingATopicThatNeverAppears(KafkaFixture kafka) {
        AssertionError error = assertThrows(AssertionError.class,
                () -> kafka.consumeUntil(kafka.topic("absent"), 1, Duration.ofSeconds(1)));

        assertEquals("topic " + kafka.topic("absent") + " did not exist within PT1S", error.getMessage());
    }
}
