package io.governor.testkit;

import org.testcontainers.kafka.KafkaContainer;

/**
 * The official {@code apache/kafka} image in Docker, through Testcontainers. Selected with
 * {@code -Dgovernor.broker=testcontainers}; the image with {@code -Dgovernor.broker.image=apache/kafka:X.Y.Z}.
 *
 * <p>Only {@link KafkaBrokers} touches this class, and only by name when that property asks for it, so the default
 * path needs neither Docker nor the optional Testcontainers jars.
 */
public final class TestcontainersKafkaBroker implements KafkaBroker {
    public static final String DEFAULT_IMAGE = "apache/kafka:4.3.1";

    private final KafkaContainer container;
    private final String image;

    private TestcontainersKafkaBroker(KafkaContainer container, String image) {
        this.container = container;
        this.image = image;
    }

    /** Starts the container and returns once the broker accepts clients. */
    public static TestcontainersKafkaBroker start() {
        String image = System.getProperty("governor.broker.image", DEFAULT_IMAGE);
        KafkaContainer container = new KafkaContainer(image);
        container.start();
        return new TestcontainersKafkaBroker(container, image);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String description() {
        return "Testcontainers " + image;
    }

    @Override
    public void close() {
        container.stop();
    }
}
