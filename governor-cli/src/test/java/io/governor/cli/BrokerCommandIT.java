package io.governor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.testkit.KafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BrokerCommandIT {

    @Test
    void shouldServeClientsOnTheRequestedPortAndFreeItWhenStopped() throws Exception {
        int port = freePort();
        StringWriter out = new StringWriter();
        CommandLine cli = GovernorCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter()));
        BrokerCommand command = cli.parseArgs("broker", "--port", String.valueOf(port))
                .subcommand().commandSpec().commandLine().getCommand();

        try (KafkaBroker broker = command.start(new PrintWriter(out, true));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            admin.createTopics(List.of(new NewTopic("local-work", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("local-work"));
        }

        assertTrue(out.toString().contains("ready at 127.0.0.1:" + port), out.toString());
        assertTrue(out.toString().contains("Ctrl-C to stop"), out.toString());
        assertEquals(port, freePort(port), "the port is free again once the broker stopped");
    }

    /** The packaged launcher, as ./governor and the container run it: SIGTERM stops it cleanly and deletes its data. */
    @Test
    void shouldStopTheLauncherCleanlyOnSigtermAndDeleteItsData(@TempDir Path tmp) throws Exception {
        Path jar = Path.of("target/governor.jar");
        assertTrue(Files.isRegularFile(jar), "run in verify, after package: " + jar.toAbsolutePath());
        int port = freePort();
        Path log = tmp.resolve("broker.log");
        Path dataRoot = Files.createDirectory(tmp.resolve("data"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dataRoot, "-jar", jar.toString(), "broker", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLine(log, "Ctrl-C to stop", process);
            assertTrue(Files.readString(log).contains("ready at 127.0.0.1:" + port), Files.readString(log));
            assertEquals(1, kafkaDirectories(dataRoot).size(), "the broker keeps its data under java.io.tmpdir");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
                assertEquals(1, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            }

            process.destroy(); // SIGTERM

            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not stop within 60 s");
            String said = Files.readString(log);
            assertTrue(said.contains("Kafka broker stopped"), said);
            assertFalse(said.contains(" ERROR ") || said.contains("Exception"), "a clean stop logs no errors: " + said);
            assertEquals(List.of(), kafkaDirectories(dataRoot));
        } finally {
            process.destroyForcibly();
        }
        assertEquals(port, freePort(port), "the port is free again once the launcher exited");
    }

    private static void awaitLine(Path log, String line, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(log).lines().anyMatch(line::equals)) {
            assertTrue(process.isAlive(), "the launcher exited early: " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "no '" + line + "' within 90 s: " + Files.readString(log));
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    private static List<Path> kafkaDirectories(Path dataRoot) throws IOException {
        try (Stream<Path> data = Files.list(dataRoot)) {
            return data.filter(path -> path.getFileName().toString().startsWith("kafka-")).toList();
        }
    }

    private static int freePort() throws IOException {
        return freePort(0);
    }

    private static int freePort(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return socket.getLocalPort();
        }
    }
}
