package io.governor.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Topics set up once in {@code @BeforeAll} are visible to every test of the class through the same fixture. */
@ExtendWith(SharedKafkaBroker.class)
class ClassScopedKafkaFixtureIT {
    private static KafkaFixture classFixture;

    @BeforeAll
    static void createTopicsOnce(KafkaFixture kafka) {
        classFixture = kafka;
        kafka.createTopics(1, kafka.topic("shared"));
        kafka.produce(kafka.topic("shared"), "k", "written once");
    }

    @Test
    void shouldInjectTheClassFixtureIntoTestMethods(KafkaFixture kafka) {
        assertEquals(classFixture.prefix(), kafka.prefix());
        assertTrue(kafka.prefix().matches("t\\d+-ClassScopedKafkaFixtureIT\\."), kafka.prefix());
        assertEquals("written once",
                kafka.consumeUntil(kafka.topic("shared"), 1, Duration.ofSeconds(30)).get(0).value());
    }
}
