package io.governor.schemas.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.PolicyLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

    static Path resource(String name) {
        try {
            return Path.of(ScenarioLoaderTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("missing test resource " + name, e);
        }
    }

    @Test
    void shouldLoadTheContractExample() {
        Scenario s = ScenarioLoader.load(resource("scenario/pncp-crawl.yaml"));
        assertEquals("pncp-crawl", s.name());
        assertEquals(7, s.seed());
        assertEquals(OffsetDateTime.parse("2026-01-05T09:00:00-03:00"), s.start());
        assertEquals(1_767_614_400_000L, s.startMs());
        assertEquals(Duration.ofHours(6), s.duration());
        assertEquals(List.of("ip-1", "ip-2", "ip-3"), s.policy().accounts().get("pncp").lanes().members());

        UpstreamSpec up = s.upstream().get("pncp");
        assertEquals(List.of(LimitSpec.rolling(60, Duration.ofMinutes(1)), LimitSpec.rolling(1000, Duration.ofHours(1))),
                up.limits());
        assertTrue(up.perLane());
        assertEquals(UpstreamAlgorithm.SLIDING, up.algorithm());
        assertEquals(new LatencySpec(Duration.ofMillis(120), Duration.ofMillis(900)), up.latency());
        assertEquals(0.01, up.errorRate());
        assertEquals(List.of(new OutageSpec(Duration.ofHours(2), Duration.ofMinutes(135), 503)), up.outages());
        assertEquals(10, up.banAfterViolations());
        assertEquals(Duration.ofHours(24), up.banFor());

        assertEquals(4, s.traffic().size());
        var backlog = assertInstanceOf(BacklogTraffic.class, s.traffic().get(0));
        assertEquals(20_000, backlog.count());
        assertEquals(Priority.NORMAL, backlog.template().priority());
        var ui = assertInstanceOf(RateTraffic.class, s.traffic().get(1));
        assertEquals(new Rate(2, Duration.ofSeconds(1)), ui.rate());
        assertEquals(TrafficShape.POISSON, ui.shape());
        assertEquals(Priority.HIGH, ui.template().priority());
        assertEquals("ui", ui.template().tenant());
        assertEquals(Duration.ofSeconds(30), ui.template().deadline());
        var burst = assertInstanceOf(RateTraffic.class, s.traffic().get(2));
        assertEquals(TrafficShape.BURST, burst.shape());
        assertEquals(Duration.ofMinutes(10), burst.burstEvery());
        assertEquals(500, burst.burstSize());
        var trace = assertInstanceOf(TraceTraffic.class, s.traffic().get(3));
        assertEquals(resource("scenario/traces/day1.jsonl"), trace.file());
    }

    @Test
    void shouldShipTheSameExampleInDocs() {
        Scenario docs = ScenarioLoader.load(Path.of("..", "docs", "examples", "scenario.yaml"));
        Scenario test = ScenarioLoader.load(resource("scenario/pncp-crawl.yaml"));
        assertEquals(test.policy(), docs.policy());
        assertEquals(test.upstream(), docs.upstream());
        assertEquals(test.traffic().subList(0, 3), docs.traffic().subList(0, 3));
    }

    @Test
    void shouldLoadThePolicyFileAScenarioNamesRelativeToItself() {
        Scenario s = ScenarioLoader.load(Path.of("..", "docs", "examples", "nsw-scenario.yaml"));
        assertEquals(PolicyLoader.load(Path.of("..", "docs", "examples", "policy.yaml")), s.policy());
        assertEquals(UpstreamAlgorithm.FIXED, s.upstream().get("nsw-transport").algorithm());
        var app = assertInstanceOf(RateTraffic.class, s.traffic().get(0));
        assertEquals(2.0, app.rate().perSecond());
        assertEquals(TrafficShape.POISSON, app.shape());
    }

    @Test
    void shouldFillDefaultsForAMinimalScenario() {
        Scenario s = ScenarioLoader.parse("quick.yaml", """
                duration: 1h
                policy: { accounts: { a: { limits: [ { max: 1, per: 1s } ] } } }
                traffic: [ { account: a, rate: 1/s } ]
                """, Path.of("."));
        assertEquals("quick", s.name(), "the file name names an unnamed scenario");
        assertEquals(0, s.seed());
        assertEquals(ScenarioLoader.DEFAULT_START, s.start());
        assertTrue(s.upstream().isEmpty());
        var t = assertInstanceOf(RateTraffic.class, s.traffic().get(0));
        assertEquals(TrafficShape.CONSTANT, t.shape());
        assertEquals(IntentTemplate.EMPTY, t.template());
    }

    @Test
    void shouldAcceptAccountsCoveredOnlyByDefaults() {
        Scenario s = ScenarioLoader.parse("s.yaml", """
                duration: 1h
                policy: { defaults: { limits: [ { max: 1, per: 1s } ] }, accounts: {} }
                traffic: [ { account: anyone, backlog: 3, fallbacks: [ other ] } ]
                """, Path.of("."));
        assertEquals(3, assertInstanceOf(BacklogTraffic.class, s.traffic().get(0)).count());
    }

    @Test
    void shouldReadRatesInEveryUnit() {
        assertEquals(2.0, Rate.parse("2/s").perSecond());
        assertEquals(2.0, Rate.parse("120/m").perSecond());
        assertEquals(1000.0 / 3600, Rate.parse("1000/h").perSecond(), 1e-12);
        assertEquals(0.5, Rate.parse("0.5/s").perSecond());
        assertEquals(0.3, Rate.parse("3/10s").perSecond(), 1e-12);
        assertEquals("120/m", Rate.parse("120/m").toString());
        assertEquals("3/10s", Rate.parse("3/10s").toString());
        assertEquals(500.0, Rate.parse("2/s").meanGapMs());
    }

    @Test
    void shouldMakeIntentsFromATemplate() {
        Scenario s = ScenarioLoader.parse("s.yaml", """
                duration: 1h
                policy: { accounts: { a: { limits: [ { max: 1, per: 1s } ], lanes: { members: [ k1, k2 ] } }, b: { limits: [ { max: 1, per: 1s } ] } } }
                traffic:
                  - account: a
                    backlog: 1
                    tenant: t
                    lane: k2
                    priority: LOW
                    cost: 2
                    job: j
                    deadline: 30s
                    maxAttempts: 4
                    fallbacks: [ b ]
                    attributes: { page: "1" }
                    request: { url: "https://x.example/p" }
                """, Path.of("."));
        Intent i = assertInstanceOf(BacklogTraffic.class, s.traffic().get(0)).template().toIntent("i-1", "a", 1_000);
        assertEquals(new Intent("i-1", "a", "t", "k2", Priority.LOW, 2, "j", null, 31_000L, 4, List.of("b"), null,
                new io.governor.schemas.event.HttpRequest("GET", "https://x.example/p", null, null),
                java.util.Map.of("page", "1"), 1_000L), i);
    }
}
