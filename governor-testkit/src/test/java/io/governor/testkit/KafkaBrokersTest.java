package io.governor.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class KafkaBrokersTest {

    @Test
    void shouldRefuseAnUnknownBrokerKindNamingTheProperty() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> KafkaBrokers.start("docker"));
        assertEquals("governor.broker: expected embedded or testcontainers, was \"docker\"", error.getMessage());
    }

    @Test
    void shouldDescribeWhereAndHowFastTheBrokerStarted() {
        KafkaBroker broker = new KafkaBroker() {
            @Override
            public String bootstrapServers() {
                return "127.0.0.1:41237";
            }

            @Override
            public String description() {
                return "embedded KRaft";
            }

            @Override
            public void close() {
            }
        };
        assertEquals("Kafka broker (embedded KRaft) ready at 127.0.0.1:41237 in 2.8 s",
                KafkaBrokers.readyLine(broker, 2_840_000_000L));
    }

    @Test
    void shouldRefuseAPortOutOfRange() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafkaBroker.startOnPort(70_000));
        assertEquals("port must be between 0 and 65535, was 70000", error.getMessage());
    }

    @Test
    void shouldRefuseAPortInUseBeforeStartingAnything() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> EmbeddedKafkaBroker.startOnPort(port));
            assertTrue(error.getMessage().startsWith("127.0.0.1:" + port + " is in use"), error.getMessage());
        }
    }
}
