package io.governor.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Priority;
import io.governor.schemas.json.GovernorJson;
import org.junit.jupiter.api.Test;

class E2eHarnessTest {

    @Test
    void shouldFindTheIntentSequenceInAPermitAsTheGovernorWritesIt() {
        Permit p = new Permit("i123457", "acct-7", null, null, Priority.NORMAL, 1, 0, 10, 10, 60, 0, null, null);
        assertEquals(123_457, IntentIds.sequenceOf(GovernorJson.toBytes(p)));
        assertEquals(42, IntentIds.sequenceOf("{ \"intentId\" : \"i42\", \"account\":\"a\", \"cost\":1, \"permittedAt\":1, \"notBefore\":1, \"validUntil\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void shouldReportNearestRankPercentiles() {
        var l = new Latencies(100);
        for (int i = 100; i >= 1; i--) {
            l.add(i);
        }
        assertEquals(50, l.percentile(50));
        assertEquals(99, l.percentile(99));
        assertEquals(100, l.percentile(100));
        assertEquals(0, new Latencies(4).percentile(99));
    }

    @Test
    void shouldSplitEachLatencyAtTheDecision() {
        var l = new StageLatencies(3);
        l.add(1_000, 1_004, 1_060);
        l.add(2_000, 2_030, 2_040);
        l.add(3_000, 3_001, 3_101);
        assertEquals(new E2eFigure.Stages(4, 30, 56, 100), l.stages());
        assertEquals(60, l.total.percentile(50));
        assertEquals(101, l.total.percentile(99));
    }

    @Test
    void shouldNameTheBadOption() {
        var e = assertThrows(IllegalArgumentException.class, () -> E2eOptions.parse("--intents", "0"));
        assertTrue(e.getMessage().contains("--intents"), e.getMessage());
        var u = assertThrows(IllegalArgumentException.class, () -> E2eOptions.parse("--speed", "1"));
        assertTrue(u.getMessage().contains("--speed"), u.getMessage());
        assertEquals(100_000, E2eOptions.parse().warmupIntents());
        assertEquals(8, E2eOptions.parse().warmupRounds());
        var rounds = assertThrows(IllegalArgumentException.class, () -> E2eOptions.parse("--warmup-rounds", "0"));
        assertTrue(rounds.getMessage().contains("--warmup-rounds"), rounds.getMessage());
        assertEquals(E2eOptions.DEFAULT_INTENTS, E2eOptions.parse().intents());
    }

    @Test
    void shouldChooseTheHeadlineModesAndTheDeepQueue() {
        assertEquals(E2eMode.HEADLINE, E2eOptions.parse().modes());
        assertEquals(100_000, E2eOptions.parse().deepQueue());
        E2eOptions only = E2eOptions.parse("--modes", "GOVERNOR_OPEN", "--deep-queue", "0");
        assertEquals(java.util.List.of(E2eMode.GOVERNOR_OPEN), only.modes());
        assertEquals(0, only.deepQueue());
        assertEquals(java.util.List.of(), E2eOptions.parse("--modes", "none").modes());
        var e = assertThrows(IllegalArgumentException.class, () -> E2eOptions.parse("--modes", "DEEP_QUEUE"));
        assertTrue(e.getMessage().contains("--modes"), e.getMessage());
        assertTrue(E2eMode.releasePolicyJson(7).contains("\"max\":7"));
        assertEquals(-1, E2eOptions.parse().taskIdleMs(), "GovernorApp's max.task.idle.ms for both topologies");
        assertEquals(0, E2eOptions.parse("--task-idle-ms", "0").taskIdleMs());
    }

    @Test
    void shouldTakeThePacedRatioAsTheMedianOfRoundsEachAgainstItsOwnPassThrough() {
        var rounds = java.util.List.of(paced(E2eMode.PASS_THROUGH, 100), paced(E2eMode.GOVERNOR_OPEN, 150),
                paced(E2eMode.PASS_THROUGH, 200), paced(E2eMode.GOVERNOR_OPEN, 220),
                paced(E2eMode.PASS_THROUGH, 100), paced(E2eMode.GOVERNOR_OPEN, 120),
                paced(E2eMode.PASS_THROUGH, 90)); // a round cut short has no ratio
        var results = new E2eResults(E2eOptions.parse(), "cmd", java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), rounds);
        assertEquals(java.util.List.of(1.5, 1.1, 1.2), results.pacedRoundRatios());
        assertEquals(1.2, results.p99LatencyRatioAtPacedRate(), 1e-9);
        assertEquals(1.3, new E2eResults(E2eOptions.parse(), "cmd", java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), rounds.subList(0, 4)).p99LatencyRatioAtPacedRate(), 1e-9,
                "an even number of rounds: the mean of the middle two");
        assertTrue(Double.isNaN(new E2eResults(E2eOptions.parse(), "cmd", java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), rounds.subList(0, 1)).p99LatencyRatioAtPacedRate()));
        assertEquals(3, E2eOptions.parse().pacedRounds());
        var e = assertThrows(IllegalArgumentException.class, () -> E2eOptions.parse("--paced-rounds", "0"));
        assertTrue(e.getMessage().contains("--paced-rounds"), e.getMessage());
    }

    @Test
    void theWarmUpStopsOnceTheJitTookAtMostATenthOfARound() {
        // 1,000 permits at 1,000/s is 1 s of wall time per run: 2 s for the pair.
        assertEquals(0.1, EndToEndBench.jitShare(java.util.List.of(jit(E2eMode.PASS_THROUGH, 50),
                jit(E2eMode.GOVERNOR_OPEN, 150))), 1e-9);
        assertEquals(0.35, EndToEndBench.jitShare(java.util.List.of(jit(E2eMode.PASS_THROUGH, 200),
                jit(E2eMode.GOVERNOR_OPEN, 500))), 1e-9);
        assertTrue(Double.isNaN(EndToEndBench.jitShare(java.util.List.of(jit(E2eMode.PASS_THROUGH, -1)))),
                "a JVM without compilation time monitoring: unknown, not settled or busy");
    }

    @Test
    void slowestDecisionsAreTheWindowsOfCreationWhoseIntentsWaitedLongest() {
        var latencies = new StageLatencies(10);
        latencies.add(1_000, 1_004, 1_060); // window 1,000: decided in 4 ms
        latencies.add(1_050, 1_120, 1_200); // window 1,000: 70 ms, a stall
        latencies.add(1_150, 1_160, 1_260); // window 1,100: 10 ms
        latencies.add(1_250, 1_255, 1_300); // window 1,200: 5 ms
        var worst = latencies.slowestDecisions(2);
        assertEquals(2, worst.size());
        assertEquals(java.util.List.of(1_000L, 70L, 2L), java.util.Arrays.stream(worst.get(0)).boxed().toList());
        assertEquals(java.util.List.of(1_100L, 10L, 1L), java.util.Arrays.stream(worst.get(1)).boxed().toList());
    }

    private static E2eFigure jit(E2eMode mode, long jitMillis) {
        return new E2eFigure(mode, 1_000, 1, 1, 1_000, 0, 0, 1_000, 1_000, 1, 1, 1, 0, E2eFigure.StateBytes.NONE,
                0, 1, 0, E2eFigure.CommitLatency.UNKNOWN, 0, E2eFigure.Stages.UNKNOWN, jitMillis);
    }

    private static E2eFigure paced(E2eMode mode, long p99Ms) {
        return new E2eFigure(mode, 1, 1, 1, 1, 0, 0, 1, 1, p99Ms / 2, p99Ms, p99Ms, 0, E2eFigure.StateBytes.NONE,
                0, 1, 0, E2eFigure.CommitLatency.UNKNOWN, 0, E2eFigure.Stages.UNKNOWN, 0);
    }
}
