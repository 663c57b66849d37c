package io.governor.simulator.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * Random small scenarios (limits, lanes, concurrency, priorities, tenants, jobs, retries, circuits with fallbacks,
 * adaptive limits, a truth stricter than the policy so 429s come back, random 5xx and outages answering 429 or
 * 503) decided by both engines: the same events in the same order and the same report.
 */
class EngineEquivalenceProperties {

    @Property(tries = 8, shrinking = ShrinkingMode.OFF)
    void bothEnginesDecideARandomScenarioAlike(@ForAll long seed) {
        Scenario s = ScenarioLoader.parse("random-" + seed + ".yaml", scenario(new SplittableRandom(seed), seed),
                Path.of("."));
        EngineRuns.Run topology = EngineRuns.run(s, VirtualRun.Engine.TOPOLOGY);
        EngineRuns.Run core = EngineRuns.run(s, VirtualRun.Engine.CORE);
        EngineRuns.assertSame(topology, core);
        assertEquals(topology.json(), core.json());
    }

    /** A scenario of two accounts, {@code b} the fallback of {@code a}'s intents when their circuit opens. */
    static String scenario(SplittableRandom r, long seed) {
        StringBuilder policy = new StringBuilder();
        StringBuilder upstream = new StringBuilder();
        for (String account : new String[] {"a", "b"}) {
            int max = 1 + r.nextInt(10);
            String per = pick(r, "1s", "10s", "1m");
            boolean lanes = r.nextInt(4) == 0;
            policy.append("    ").append(account).append(":\n");
            if (lanes) {
                policy.append("      lanes: { members: [ l1, l2 ], limits: [ { max: %d, per: %s } ] }\n"
                        .formatted(max, per));
            } else {
                policy.append("      limits: [ { max: %d, per: %s }%s ]\n".formatted(max, per,
                        r.nextBoolean() ? ", { max: %d, per: 1h }".formatted(max * 20 + r.nextInt(50)) : ""));
            }
            policy.append("      pacing: ").append(pick(r, "smooth", "burst")).append('\n');
            if (r.nextBoolean()) {
                policy.append("      concurrency: ").append(1 + r.nextInt(3)).append("\n      lease: 5s\n");
            }
            if (r.nextBoolean()) {
                policy.append("      jitter: ").append(r.nextInt(200)).append("ms\n");
            }
            if (r.nextBoolean()) {
                policy.append("      priorities: { LOW: 0.5, NORMAL: 0.8 }\n");
            }
            if (r.nextBoolean()) {
                policy.append("      tenants: { fair: true, limits: [ { max: %d, per: 10s } ] }\n"
                        .formatted(1 + r.nextInt(5)));
            }
            if (r.nextBoolean()) {
                policy.append("      job: { maxCalls: ").append(2 + r.nextInt(3)).append(" }\n");
            }
            if (r.nextBoolean()) {
                policy.append("      retry: { maxAttempts: %d, backoff: %ds, multiplier: 2, maxBackoff: 20s }\n"
                        .formatted(1 + r.nextInt(3), 1 + r.nextInt(3)));
            }
            if (r.nextBoolean()) {
                policy.append("      circuit: { consecutiveFailures: %d, cooldown: %ds, halfOpenProbes: 1 }\n"
                        .formatted(2 + r.nextInt(3), 10 + r.nextInt(40)));
            }
            if (r.nextInt(3) == 0) {
                policy.append("      adaptive: { decrease: 0.5, increase: 0.1, floor: 0.2, every: 10s }\n");
            }
            // The truth may be stricter than the policy (429s) and fail at random or in an outage.
            upstream.append("  ").append(account).append(":\n")
                    .append("    limits: [ { max: %d, per: %s } ]\n".formatted(Math.max(1, max - r.nextInt(3)), per))
                    .append("    perLane: ").append(lanes).append('\n')
                    .append("    latency: { p50: %dms, p99: %dms }\n".formatted(20 + r.nextInt(400),
                            500 + r.nextInt(3000)))
                    .append("    errorRate: ").append(pick(r, "0", "0.05", "0.3")).append('\n');
            if (r.nextBoolean()) {
                int from = r.nextInt(120);
                // Within the scenario's 3 minutes, or the scenario is invalid before any engine runs.
                upstream.append("    outages: [ { from: %ds, to: %ds, status: %s } ]\n".formatted(from,
                        Math.min(180, from + 10 + r.nextInt(60)), pick(r, "429", "503")));
            }
        }
        StringBuilder traffic = new StringBuilder();
        // A backlog of 0 is an invalid scenario (backlog must be >= 1).
        traffic.append("  - { account: a, backlog: %d, priority: %s, tenant: t1, job: j1, fallbacks: [ b ] }\n"
                .formatted(1 + r.nextInt(60), pick(r, "LOW", "NORMAL")));
        traffic.append("  - { account: a, rate: %d/10s, shape: poisson, priority: HIGH, tenant: t2, deadline: %ds }\n"
                .formatted(1 + r.nextInt(5), 5 + r.nextInt(60)));
        traffic.append("  - { account: b, rate: %d/10s, shape: %s, priority: %s }\n".formatted(1 + r.nextInt(3),
                pick(r, "poisson", "burst, burstEvery: 40s, burstSize: 10", "constant"), pick(r, "LOW", "NORMAL")));
        return """
                name: random
                seed: %d
                start: 2026-03-01T12:00:00Z
                duration: 3m
                policy:
                  accounts:
                %supstream:
                %straffic:
                %s""".formatted(seed, policy, upstream, traffic);
    }

    private static String pick(SplittableRandom r, String... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
