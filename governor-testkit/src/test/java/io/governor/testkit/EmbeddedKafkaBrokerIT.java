package io.governor.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.kafka.GovernorTopics;
import io.governor.schemas.kafka.TopicInitializer;
import io.governor.schemas.kafka.TopicInitializer.TopicSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafkaBroker.class)
class EmbeddedKafkaBrokerIT {

    @Test
    void shouldStartWithinFifteenSecondsAndServeClients() throws Exception {
        long started = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(startup.compareTo(Duration.ofSeconds(15)) < 0, "started in " + startup);
            assertTrue(broker.bootstrapServers().startsWith("127.0.0.1:"), broker.bootstrapServers());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertEquals(1, admin.describeCluster().nodes().get().size());
            }
        }
    }

    @Test
    void shouldListenOnTheRequestedPort() throws Exception {
        int port = freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startOnPort(port)) {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
                assertEquals(port, admin.describeCluster().nodes().get().iterator().next().port());
            }
        }
    }

    @Test
    void shouldCreateEveryContractTopicOnceAndKeepThemOnASecondRun(KafkaFixture kafka) throws Exception {
        GovernorTopics topics = kafka.governorTopics();
        TopicInitializer initializer = new TopicInitializer(kafka.admin(), topics, 3, (short) 1, Duration.ofSeconds(30));

        TopicSetup first = initializer.ensureTopics();
        TopicSetup second = initializer.ensureTopics();

        assertEquals(topics.all(), first.created());
        assertEquals(List.of(), second.created());
        assertEquals(topics.all(), second.existing());
        assertTrue(second.ok(), second.problems().toString());
        assertEquals(Set.copyOf(topics.all()), kafka.admin().listTopics().names().get().stream()
                .filter(name -> name.startsWith(kafka.prefix())).collect(Collectors.toSet()));
    }

    @Test
    void shouldCompactOnlyThePoliciesTopic(KafkaFixture kafka) throws Exception {
        GovernorTopics topics = kafka.governorTopics();
        kafka.createGovernorTopics(1);

        Map<ConfigResource, Config> configs = kafka.admin().describeConfigs(topics.all().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).collect(Collectors.toList()))
                .all().get();

        for (Map.Entry<ConfigResource, Config> config : configs.entrySet()) {
            String cleanup = config.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            String expected = config.getKey().name().equals(topics.policies())
                    ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
            assertEquals(expected, cleanup, config.getKey().name());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return socket.getLocalPort();
        }
    }
}
