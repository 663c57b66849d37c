package io.governor.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft combined mode (one process is broker and controller), running inside
 * this JVM through Kafka's own {@link KafkaClusterTestKit}. No Docker, no ZooKeeper; its log directories live
 * under the system temp directory and are deleted on {@link #close()}.
 *
 * <p>Clients connect through a listener of our own on 127.0.0.1, on the port asked for or an ephemeral one: the
 * test kit's default listener binds a pre-allocated ephemeral port on every interface and cannot be moved to a
 * fixed port, which {@code ./governor broker} needs.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {
    /** Loopback only: a broker for tests and local work must not be reachable from the network. */
    public static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String CLIENT_LISTENER = "CLIENT";

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaClusterTestKit cluster, String bootstrapServers) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on an ephemeral port of 127.0.0.1 and returns once it accepts clients. */
    public static EmbeddedKafkaBroker start() {
        return startOnPort(0);
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} ({@code 0} for an ephemeral port) and returns once it accepts
     * clients.
     *
     * @throws IllegalArgumentException when the port is out of range
     * @throws IllegalStateException when the port is taken or the broker does not start
     */
    public static EmbeddedKafkaBroker startOnPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (port != 0) {
            requireFree(port);
        }
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    // The test kit's own temp dir comes with a JVM shutdown hook that deletes it while a broker
                    // stopped by Ctrl-C is still writing its checkpoints; this one is deleted by close() alone.
                    .setBaseDirectory(Files.createTempDirectory("kafka-"))
                    // The default, latestTesting(), enables unreleased features that are not stable.
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            String controller = nodes.controllerListenerName().value();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    // The controller keeps the test kit's pre-bound socket (whatever port is written here); the
                    // client listener is not pre-bound, so it opens exactly the address configured.
                    .setConfigProp("listeners", CLIENT_LISTENER + "://" + HOST + ":" + port + "," + controller + "://" + HOST + ":0")
                    .setConfigProp("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + controller + ":PLAINTEXT")
                    .setConfigProp("inter.broker.listener.name", CLIENT_LISTENER)
                    // A single node can replicate nothing: internal topics must accept one replica.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "3")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    // Tests start consumers one after another; waiting for more members only slows them down.
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            int bound = cluster.brokers().values().iterator().next().boundPort(new ListenerName(CLIENT_LISTENER));
            return new EmbeddedKafkaBroker(cluster, HOST + ":" + bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(cluster);
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            closeQuietly(cluster);
            throw new IllegalStateException("embedded Kafka broker did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Kafka's storage formatter prints its bootstrap records to {@code System.out}: noise in a command's output and
     * in test logs. They are shown only if formatting fails. Another thread printing in these few milliseconds
     * would lose its line too, hence the lock, and the window is kept as short as the format itself.
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        synchronized (System.class) {
            PrintStream original = System.out;
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            System.setOut(new PrintStream(said, true, StandardCharsets.UTF_8));
            try {
                cluster.format();
            } catch (Exception e) {
                original.print(said.toString(StandardCharsets.UTF_8));
                throw e;
            } finally {
                System.setOut(original);
            }
        }
    }

    /** Fails fast with a clear message instead of a broker that dies on bind somewhere in its start-up threads. */
    private static void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IllegalStateException(HOST + ":" + port + " is in use (another broker?): choose another port", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String description() {
        return "embedded KRaft";
    }

    @Override
    public void close() {
        closeQuietly(cluster);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A broker that fails to stop cleanly has still stopped serving; say so, but fail nobody's test.
            LOG.warn("embedded Kafka broker did not stop cleanly: {}", e.toString());
        }
    }
}
