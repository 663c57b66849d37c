package io.governor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./governor demo} and {@code simulate --live} as users run them: the packaged launcher in a child JVM. */
class DemoCommandIT {
    /** 8 s of real time: a backlog of 20 and a stream of 1/s on a 5/s account. */
    static final String SHORT = """
            name: demo-short
            seed: 5
            duration: 8s
            policy:
              accounts:
                api: { limits: [ { max: 5, per: 1s } ] }
            upstream:
              api: { limits: [ { max: 5, per: 1s } ], latency: { p50: 20ms, p99: 80ms } }
            traffic:
              - { account: api, backlog: 20 }
              - { account: api, rate: 1/s, priority: HIGH }
            """;

    private static ProcessBuilder launcher(Path dir, String... args) {
        Path jar = Path.of("target/governor.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "run in verify, after package: " + jar);
        // A build started in the background of a non-interactive shell inherits SIGINT ignored, and so would the
        // demo (the JVM leaves an ignored SIGINT alone); a user's terminal has it at its default, so start it so.
        var command = new java.util.ArrayList<String>(java.util.List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("demo.log").toFile());
    }

    @Test
    void shouldRunTheDemoEndToEndAndWriteReportHtmlHere(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("short.yaml");
        Files.writeString(scenario, SHORT);
        Process demo = launcher(dir, "demo", "--scenario", scenario.toString()).start();
        try {
            assertTrue(demo.waitFor(85, TimeUnit.SECONDS), "the demo did not finish within 85 s");
            String said = Files.readString(dir.resolve("demo.log"));
            assertEquals(0, demo.exitValue(), said);
            assertTrue(said.contains("demo-short (live)"), said);
            assertTrue(said.contains("HTML report: " + dir.toRealPath().resolve("report.html")), said);
            assertTrue(Files.readString(dir.resolve("report.html")).contains("demo-short"));
        } finally {
            demo.destroyForcibly();
        }
    }

    @Test
    void shouldStopEveryPartPromptlyOnSigint(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("long.yaml");
        Files.writeString(scenario, SHORT.replace("duration: 8s", "duration: 5m"));
        Process demo = launcher(dir, "demo", "--scenario", scenario.toString()).start();
        try {
            Path log = dir.resolve("demo.log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("live: running") && System.nanoTime() < deadline) {
                assertTrue(demo.isAlive(), Files.readString(log));
                Thread.sleep(200);   // polling a child's log with a deadline, not an assertion on time
            }
            assertTrue(Files.readString(log).contains("live: running"), Files.readString(log));

            long signalled = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
            boolean stopped = demo.waitFor(10, TimeUnit.SECONDS);
            assertTrue(stopped, "still running 10 s after SIGINT; its log:\n" + Files.readString(log));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);
            String said = Files.readString(log);
            assertTrue(said.contains("live: stopped"), said);
            assertEquals(0, demo.descendants().count(), "child processes left behind");
            assertTrue(seconds <= 10, "took " + seconds + " s");
        } finally {
            demo.destroyForcibly();
        }
    }

    @Test
    void shouldFailWithinThirtySecondsWhenTheLiveBrokerIsUnreachable(@TempDir Path dir) throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            nobody = socket.getLocalPort();
        }
        Path scenario = dir.resolve("short.yaml");
        Files.writeString(scenario, SHORT);
        StringWriter err = new StringWriter();
        long started = System.nanoTime();
        int code = GovernorCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("simulate", scenario.toString(), "--live", "--bootstrap", "127.0.0.1:" + nobody);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertEquals(1, code, err.toString());
        assertTrue(seconds < 30, "took " + seconds + " s");
        assertTrue(err.toString().contains("cannot reach Kafka at 127.0.0.1:" + nobody), err.toString());
    }

    @Test
    void shouldExitTwoNamingTheFieldOfABadLiveScenario(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, SHORT.replace("rate: 1/s", "rate: 1/x"));
        StringWriter err = new StringWriter();
        int code = GovernorCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("simulate", bad.toString(), "--live");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("bad.yaml") && err.toString().contains("traffic[1].rate"), err.toString());
    }
}
