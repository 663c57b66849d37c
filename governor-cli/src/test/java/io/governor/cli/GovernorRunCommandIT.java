package io.governor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Permit;
import io.governor.testkit.KafkaFixture;
import io.governor.testkit.SharedKafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./governor governor} as users run it: the packaged launcher against a real broker. */
@ExtendWith(SharedKafkaBroker.class)
class GovernorRunCommandIT {
    static final Path POLICY = Path.of("../docs/examples/policy.yaml");

    @Test
    void shouldPermitAnIntentFromThePolicyFileAndStopOnSigterm(KafkaFixture kafka, @TempDir Path tmp)
            throws Exception {
        Path jar = Path.of("target/governor.jar");
        assertTrue(Files.isRegularFile(jar), "run in verify, after package: " + jar.toAbsolutePath());
        Path log = tmp.resolve("governor.log");
        Process governor = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "governor", "--bootstrap", kafka.bootstrapServers(),
                "--policy", POLICY.toString(), "--topic-prefix", kafka.prefix(),
                "--application-id", "cli-it", "--state-dir", tmp.resolve("state").toString(), "--http-port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            kafka.produce(kafka.governorTopics().intents(), "nsw-transport", Intent.of("cli-1", "nsw-transport"));
            List<Permit> permits = kafka.consumeUntil(kafka.governorTopics().permits(), 1, Duration.ofSeconds(90),
                    Permit.class);
            assertEquals("cli-1", permits.get(0).intentId());
            assertTrue(permits.get(0).lane().startsWith("ip-"), "the policy's lanes are used");

            governor.destroy(); // SIGTERM
            assertTrue(governor.waitFor(60, TimeUnit.SECONDS), "the governor did not stop within 60 s");
            String said = Files.readString(log);
            assertTrue(said.contains("stopped"), said);
        } finally {
            governor.destroyForcibly();
        }
    }

    @Test
    void shouldFailWithinThirtySecondsWhenTheBrokerIsUnreachable() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            nobody = socket.getLocalPort();
        }
        StringWriter err = new StringWriter();
        long started = System.nanoTime();
        int code = GovernorCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("governor", "--bootstrap", "127.0.0.1:" + nobody, "--policy", POLICY.toString());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertEquals(1, code, err.toString());
        assertTrue(seconds < 30, "took " + seconds + " s");
        assertTrue(err.toString().contains("cannot reach Kafka at 127.0.0.1:" + nobody), err.toString());
    }

    @Test
    void shouldExitTwoNamingTheFieldOfABadScenario(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("scenario.yaml");
        Files.writeString(bad, "duration: 1h\npolicy: { accounts: { api: { limits: [ { max: 5, per: 1s } ] } } }\n"
                + "traffic:\n  - { account: api, rate: 2/x }\n");
        StringWriter err = new StringWriter();
        int code = GovernorCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("simulate", bad.toString());
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("traffic[0].rate"), err.toString());
    }

    @Test
    void shouldExitTwoNamingTheFieldOfABadPolicy(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("policy.yaml");
        Files.writeString(bad, "accounts:\n  api:\n    limits: [ { max: 5, per: 1dd } ]\n");
        StringWriter err = new StringWriter();
        int code = GovernorCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("governor", "--bootstrap", "127.0.0.1:9", "--policy", bad.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("accounts.api.limits[0].per"), err.toString());
    }
}
