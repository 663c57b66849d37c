package io.governor.simulator.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped scenario, shortened where the topology engine would take long, decided by both engines: the same
 * report (wall time and engine name aside) and the same events, one by one. This is what lets the core engine be
 * the default.
 */
class EngineEquivalenceTest {
    private static final Path SCENARIOS = Path.of("scenarios");

    /**
     * A shipped scenario with a test-only override: its start (null: as shipped), duration, backlog cap, and
     * {@code edits}, pairs of a regular expression and its replacement.
     */
    record Shortened(String name, String start, String duration, int backlogCap, String... edits) {
        Scenario load() {
            Path file = SCENARIOS.resolve(name + ".yaml");
            String yaml;
            try {
                yaml = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (start != null) {
                yaml = yaml.replaceFirst("(?m)^start: \\S+", "start: " + start);
            }
            yaml = yaml.replaceFirst("(?m)^duration: \\S+", "duration: " + duration);
            Matcher m = Pattern.compile("backlog: (\\d+)").matcher(yaml);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, "backlog: " + Math.min(backlogCap, Integer.parseInt(m.group(1))));
            }
            m.appendTail(out);
            yaml = out.toString();
            for (int i = 0; i < edits.length; i += 2) {
                String edited = yaml.replaceFirst(edits[i], edits[i + 1]);
                if (edited.equals(yaml)) {
                    throw new IllegalStateException(name + ": no " + edits[i] + " to override any more");
                }
                yaml = edited;
            }
            return ScenarioLoader.parse(file.toString(), yaml, SCENARIOS);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> shipped() {
        return Stream.of(
                // The outage moved to 30 minutes in, the HIGH traffic beside a backlog that outlasts it.
                new Shortened("public-api-crawl", null, "1h", 3000, "from: 2h, to: 2h15m", "from: 30m, to: 40m"),
                // Local midnight 10 minutes in.
                new Shortened("transit-midnight", "2026-01-05T23:50:00+11:00", "20m", 3500),
                // One burst, at 30 minutes.
                new Shortened("tenant-downloader", null, "31m", 800),
                new Shortened("proxy-pool", null, "5m", 4000),
                new Shortened("llm-validation", null, "2h", Integer.MAX_VALUE))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void shouldDecideAShippedScenarioAlikeOnBothEngines(Shortened shortened) {
        Scenario s = shortened.load();
        EngineRuns.Run core = EngineRuns.run(s, VirtualRun.Engine.CORE);
        EngineRuns.Run topology = EngineRuns.run(s, VirtualRun.Engine.TOPOLOGY);
        assertTrue(core.permits() > 100, "the shortened scenario still permits enough to compare: " + core.permits());
        EngineRuns.assertSame(topology, core);
        System.out.printf("%s: %d events alike; wall %.2f s core, %.2f s topology%n", shortened, core.events().size(),
                core.wallSeconds(), topology.wallSeconds());
        assertEquals(topology.json(), core.json());
    }
}
