package io.governor.simulator.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.document.InvalidDocumentException;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficGeneratorTest {
    @TempDir
    Path dir;

    private Scenario scenario(String traffic) {
        String text = """
                name: t
                seed: 42
                start: 2026-01-05T09:00:00Z
                duration: 1h
                policy: { accounts: { api: { limits: [ { max: 5, per: 1s } ] } } }
                traffic:
                """ + traffic;
        return ScenarioLoader.parse("t.yaml", text, dir);
    }

    @Test
    void shouldOfferTheWholeBacklogAtTheStartWithTemplateFields() {
        Scenario s = scenario("  - { account: api, backlog: 3, priority: LOW, tenant: crawl, deadline: 10s }\n");
        List<Intent> intents = TrafficGenerator.generate(s);
        assertEquals(List.of("0-0", "0-1", "0-2"), intents.stream().map(Intent::id).toList());
        for (Intent i : intents) {
            assertEquals(s.startMs(), i.createdAt());
            assertEquals(Priority.LOW, i.priority());
            assertEquals("crawl", i.tenant());
            assertEquals(s.startMs() + 10_000, i.deadline());
        }
    }

    @Test
    void shouldSpaceConstantRateEvenlyOverTheDuration() {
        List<Intent> intents = TrafficGenerator.generate(scenario("  - { account: api, rate: 2/s }\n"));
        assertEquals(7200, intents.size());
        assertEquals(500, intents.get(1).createdAt() - intents.get(0).createdAt());
    }

    @Test
    void shouldDrawPoissonArrivalsNearTheRateAndTheSameForTheSameSeed() {
        Scenario s = scenario("  - { account: api, rate: 10/s, shape: poisson }\n");
        List<Intent> a = TrafficGenerator.generate(s);
        assertEquals(36_000, a.size(), 600);
        assertEquals(a, TrafficGenerator.generate(s));
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.get(i).createdAt() >= a.get(i - 1).createdAt());
        }
    }

    @Test
    void shouldAddBurstsAtEveryMultipleOfBurstEvery() {
        Scenario s = scenario("  - { account: api, rate: 1/m, shape: burst, burstEvery: 20m, burstSize: 5 }\n");
        List<Intent> intents = TrafficGenerator.generate(s);
        assertEquals(60 + 2 * 5, intents.size());
        long atTwenty = intents.stream().filter(i -> i.createdAt() == s.startMs() + 1_200_000).count();
        assertEquals(6, atTwenty);
        assertEquals(intents.size(), new HashSet<>(intents.stream().map(Intent::id).toList()).size());
    }

    @Test
    void shouldReplayATraceWithOffsetsFromTheStartMergedInOrder() throws IOException {
        Files.writeString(dir.resolve("day.jsonl"), """
                {"id":"late","account":"api","createdAt":5000,"priority":"HIGH"}
                {"id":"early","account":"api","createdAt":1000,"deadline":3000}
                """);
        Scenario s = scenario("  - { trace: day.jsonl }\n  - { account: api, rate: 1/2s }\n");
        List<Intent> intents = TrafficGenerator.generate(s);
        List<String> firstIds = intents.subList(0, 5).stream().map(Intent::id).toList();
        assertEquals(List.of("1-0", "early", "1-1", "1-2", "late"), firstIds);
        assertEquals(s.startMs() + 3000, intents.get(1).deadline());
        assertEquals(Priority.HIGH, intents.get(4).priority());
    }

    @Test
    void shouldNameTheTraceLineOfABadIntent() throws IOException {
        Files.writeString(dir.resolve("bad.jsonl"), "{\"id\":\"a\",\"account\":\"api\"}\n{\"id\":\"b\"}\n");
        var e = assertThrows(InvalidDocumentException.class,
                () -> TrafficGenerator.generate(scenario("  - { trace: bad.jsonl }\n")));
        assertEquals("line 2", e.path());
    }
}
