package io.governor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private static final String SCENARIO = """
            name: tiny
            seed: 3
            start: 2026-01-05T09:00:00Z
            duration: 1m
            policy: { accounts: { api: { limits: [ { max: 5, per: 1s } ] } } }
            upstream: { api: { limits: [ { max: 5, per: 1s } ] } }
            traffic:
              - { account: api, backlog: 20 }
            """;

    @TempDir
    Path dir;

    private Path scenario() throws IOException {
        return Files.writeString(dir.resolve("tiny.yaml"), SCENARIO);
    }

    @Test
    void shouldExitTwoNamingTheChoicesOnAnUnknownEngine() throws IOException {
        CommandLineRun run = CommandLineRun.of("simulate", scenario().toString(), "--engine", "bogus");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("engine must be core or topology, was bogus"), run.err());
    }

    @Test
    void shouldRunTheCoreEngineUnlessTheTopologyIsAskedFor() throws IOException {
        Path core = dir.resolve("core.json");
        Path topology = dir.resolve("topology.json");

        assertEquals(0, CommandLineRun.of("simulate", scenario().toString(), "--report", core.toString()).exitCode());
        assertEquals(0, CommandLineRun.of("simulate", scenario().toString(), "--engine", "topology", "--report",
                topology.toString()).exitCode());

        assertTrue(Files.readString(core).contains("\"engine\" : \"core\""), Files.readString(core));
        assertTrue(Files.readString(topology).contains("\"engine\" : \"topology\""), Files.readString(topology));
        assertEquals(Files.readString(core).replaceAll("\"(engine|wallSeconds)\" : [^,]*,", ""),
                Files.readString(topology).replaceAll("\"(engine|wallSeconds)\" : [^,]*,", ""));
    }
}
