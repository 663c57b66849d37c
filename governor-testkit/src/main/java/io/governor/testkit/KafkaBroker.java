package io.governor.testkit;

/**
 * A running Kafka broker that tests and local tools talk to. Closing it stops the broker and removes what it
 * stored.
 */
public interface KafkaBroker extends AutoCloseable {

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:41237}. */
    String bootstrapServers();

    /** What kind of broker this is, for log lines: {@code embedded KRaft}, {@code Testcontainers apache/kafka:4.3.1}. */
    default String description() {
        return getClass().getSimpleName();
    }

    /** Stops the broker; never throws, because a test's result must not depend on how its broker shut down. */
    @Override
    void close();
}
