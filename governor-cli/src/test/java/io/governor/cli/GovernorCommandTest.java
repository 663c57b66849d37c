package io.governor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernorCommandTest {

    @Test
    void shouldListTheRegisteredCommandsInHelp() {
        CommandLineRun run = CommandLineRun.of("--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("broker ") && run.out().contains("check-policy "), run.out());
        assertTrue(run.out().contains("Exit codes: 0 success, 2 bad arguments or invalid input file, 1 runtime failure"));
    }

    @Test
    void shouldPrintTheProjectVersion() {
        CommandLineRun run = CommandLineRun.of("--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("governor " + GovernorVersion.version()), run.out());
        assertFalse(GovernorVersion.version().contains("${"), "the version file was not filtered by Maven");
    }

    @Test
    void shouldDescribeTheBrokerCommandAndItsPort() {
        CommandLineRun run = CommandLineRun.of("broker", "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--port=PORT") && run.out().contains("default: 9092"), run.out());
    }

    @Test
    void shouldExitTwoWithUsageOnAnUnknownOption() {
        CommandLineRun run = CommandLineRun.of("broker", "--bogus");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Unknown option: '--bogus'"), run.err());
        assertTrue(run.err().contains("Usage: governor broker"), run.err());
    }

    @Test
    void shouldExitTwoWhenNoCommandIsGiven() {
        CommandLineRun run = CommandLineRun.of();

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required subcommand"), run.err());
    }

    @Test
    void shouldExitTwoOnAPortOutOfRange() {
        CommandLineRun run = CommandLineRun.of("broker", "--port", "70000");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("--port must be between 1 and 65535, was 70000"), run.err());
    }

    @Test
    void shouldExitOneWithOneLineWhenTheBrokerPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));

            CommandLineRun run = CommandLineRun.of("broker", "--port", String.valueOf(taken.getLocalPort()));

            assertEquals(1, run.exitCode());
            assertEquals("broker: 127.0.0.1:" + taken.getLocalPort() + " is in use (another broker?): choose another port"
                    + " (--verbose shows the stack trace)" + System.lineSeparator(), run.err());
        }
    }

    @Test
    void shouldPrintTheStackTraceOfARuntimeFailureWithVerbose() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));

            CommandLineRun run = CommandLineRun.of("--verbose", "broker", "--port", String.valueOf(taken.getLocalPort()));

            assertEquals(1, run.exitCode());
            assertTrue(run.err().contains("java.lang.IllegalStateException: 127.0.0.1:") && run.err().contains("\tat "),
                    run.err());
        }
    }

    @Test
    void shouldExitTwoNamingAMissingPolicyFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        CommandLineRun run = CommandLineRun.of("check-policy", missing.toString());

        assertEquals(2, run.exitCode());
        assertEquals(missing + ": no such file (FILE)" + System.lineSeparator(), run.err());
    }

    @Test
    void shouldExitTwoNamingTheFieldPathOfAnInvalidPolicy(@TempDir Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"),
                "accounts:\n  pncp:\n    limits:\n      - { max: 60, per: 1m }\n      - { max: 1000, per: 1hh }\n");

        CommandLineRun run = CommandLineRun.of("check-policy", policy.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith(policy + ": accounts.pncp.limits[1].per: "), run.err());
        assertTrue(run.err().contains("1hh"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
    }

    @Test
    void shouldSummariseAValidPolicy(@TempDir Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), String.join("\n",
                "defaults: { limits: [ { max: 1, per: 1s } ] }",
                "accounts:",
                "  pncp: { limits: [ { max: 60, per: 1m }, { max: 1000, per: 1h } ], safety: 0.9 }",
                "  llm: { limits: [ { max: 150, per: 1m } ], concurrency: 2 }",
                ""));

        CommandLineRun run = CommandLineRun.of("check-policy", policy.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(String.join(System.lineSeparator(),
                policy + ": valid policy, 2 accounts",
                "  llm: limits 150/1m; concurrency 2",
                "  pncp: limits 60/1m, 1000/1h; safety 0.9",
                "  other accounts: the defaults, limits 1/1s",
                ""), run.out());
    }

    @Test
    void shouldAcceptTheExamplePolicyShippedInDocs() {
        CommandLineRun run = CommandLineRun.of("check-policy", RepositoryFiles.root().resolve("docs/examples/policy.yaml").toString());

        assertEquals(0, run.exitCode(), run.err());
    }
}
