package io.governor.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import io.governor.simulator.traffic.TrafficGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BestScheduleTest {
    private static BestCase best(String outages, String traffic) {
        Scenario s = ScenarioLoader.parse("best.yaml", """
                name: best
                seed: 1
                start: 2026-01-05T09:00:00Z
                duration: 10m
                policy:
                  accounts:
                    api: { limits: [ { max: 1, per: 1s } ] }
                upstream:
                  api:
                    limits: [ { max: 1, per: 1s } ]
                    outages: %s
                traffic:
                  - %s
                """.formatted(outages, traffic), Path.of("."));
        return BestSchedule.of(s, TrafficGenerator.generate(s)).get("api");
    }

    @Test
    void shouldWaitOutAnOutageWithABacklogAsACallThenServesNothing() {
        // 60 calls at 1/s: 0 s … 59 s; the outage [10 s, 40 s) moves the 11th to 40 s and the last to 89 s
        assertEquals(59_000, best("[]", "{ account: api, backlog: 60 }").drainMs());
        assertEquals(89_000, best("[ { from: 10s, to: 40s } ]", "{ account: api, backlog: 60 }").drainMs());
    }

    @Test
    void shouldLeaveOutagesInForTrafficJudgedOnIntentsServed() {
        BestCase calm = best("[]", "{ account: api, rate: 1/2s, deadline: 5s }");
        BestCase down = best("[ { from: 10s, to: 40s } ]", "{ account: api, rate: 1/2s, deadline: 5s }");
        assertEquals(calm.allowed(), down.allowed(), "its fallbacks, which the best schedule does not model");
    }
}
