package io.governor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import io.governor.simulator.traffic.TrafficGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped scenarios load and generate their traffic. Running them whole takes minutes today (see README,
 * speed), so their full virtual runs are not in the unit suite yet.
 */
class ShippedScenariosTest {
    @Test
    void shouldLoadTheTransitScenario() {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/transit-midnight.yaml"));
        assertEquals(64_000 + 2160, TrafficGenerator.generate(s).size());
    }

    @Test
    void shouldLoadThePublicApiCrawlScenario() {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/public-api-crawl.yaml"));
        assertFalse(TrafficGenerator.generate(s).isEmpty());
        assertEquals(1, s.upstream().get("pncp").outages().size());
    }
}
