package io.governor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Deferred;
import io.governor.core.decision.AdmissionDecision.Permitted;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs every benchmark body a few thousand times, outside JMH, and checks that the harness measures what it
 * claims: the permit path only permits, the binding path defers on arrival and permits later, the baselines
 * refuse when bound. Never timed.
 */
class BenchSmokeTest {
    private static final int CALLS = 5_000;

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void permitPathShouldPermitEveryIntentWithNonDecreasingNotBefore(Scenario scenario) {
        CoreDriver core = new CoreDriver(scenario, "acct");
        long lastNotBefore = Long.MIN_VALUE;
        for (int i = 0; i < CALLS; i++) {
            AdmissionDecision d = core.permitOnce();
            Permitted p = assertInstanceOf(Permitted.class, d, () -> "permit path bound: " + d);
            assertTrue(p.notBefore() >= lastNotBefore);
            lastNotBefore = p.notBefore();
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void bindingPathShouldDeferOnArrivalAndPermitEachIntentOnceOnRelease(Scenario scenario) {
        CoreDriver core = new CoreDriver(scenario, "acct");
        for (int batch = 0; batch < 40; batch++) {
            Set<String> permitted = new HashSet<>();
            int[] deferred = {0};
            int decisions = core.bindingBatch(AdmissionBenchmark.BATCH, ds -> {
                for (AdmissionDecision d : ds) {
                    if (d instanceof Permitted p) {
                        assertTrue(permitted.add(p.intent().id()), () -> "permitted twice: " + p);
                    } else {
                        assertInstanceOf(Deferred.class, d, () -> "binding path rejected: " + d);
                        deferred[0]++;
                    }
                }
            });
            assertEquals(AdmissionBenchmark.BATCH, permitted.size());
            // Up to lookahead / pacing of a batch can still go on arrival; the rest must wait.
            assertTrue(deferred[0] >= AdmissionBenchmark.BATCH / 2, () -> "only " + deferred[0] + " deferrals");
            assertEquals(permitted.size() + deferred[0], decisions);
            assertEquals(0, core.admission().queueDepth());
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void bucket4jShouldPermitOnThePermitPathAndRefuseWithAWaitWhenBound(Scenario scenario) {
        Bucket4jDriver permits = new Bucket4jDriver(scenario);
        for (int i = 0; i < CALLS; i++) {
            assertTrue(permits.permitOnce(), "Bucket4j refused on the permit path at call " + i);
        }
        Bucket4jDriver bound = new Bucket4jDriver(scenario);
        long refused = 0;
        for (int i = 0; i < CALLS; i++) {
            if (bound.refusedOnce() > 0) {
                refused++;
            }
        }
        assertTrue(refused >= CALLS - 3_000, "only " + refused + " refusals with the clock stopped");
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void limitsShouldPermitOnThePermitPathAndRefuseWithAWaitWhenBound(Scenario scenario) {
        LimitsDriver permits = new LimitsDriver(scenario);
        for (int i = 0; i < CALLS; i++) {
            assertTrue(permits.permitOnce(), "the limits refused on the permit path at call " + i);
        }
        LimitsDriver bound = new LimitsDriver(scenario);
        int permitted = 0;
        for (int i = 0; i < CALLS; i++) {
            long wait = bound.refusedOnce();
            assertTrue(wait >= 0, "a negative wait " + wait);
            permitted += wait == 0 ? 1 : 0;
        }
        // With the clock stopped, SMOOTH pacing lets one unit go per set (per lane for THREE_LANES), no more.
        assertEquals(scenario.bucketCount(), permitted, "permits with the clock stopped");
    }

    @Test
    void benchmarkMethodsShouldRunThroughTheirStateOnOneAndTwoThreadClasses() {
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (AdmissionBenchmark b : List.of(new AdmissionBenchmark(), new AdmissionBenchmark.TwoThreads())) {
            for (Scenario s : Scenario.values()) {
                b.scenario = s;
                b.setUp();
                for (int i = 0; i < 1_000; i++) {
                    assertInstanceOf(Permitted.class, b.corePermit());
                    assertTrue(b.bucket4jPermit());
                    b.bucket4jRefused();
                    assertTrue(b.limitsPermit());
                    b.limitsRefused();
                }
                int decisions = b.coreBinding(bh);
                assertTrue(decisions > AdmissionBenchmark.BATCH + AdmissionBenchmark.BATCH / 2
                        && decisions <= 2 * AdmissionBenchmark.BATCH, () -> decisions + " decisions");
            }
        }
        GuavaBenchmark g = new GuavaBenchmark();
        g.setUp();
        assertTrue(g.guavaPermit());
        int refusals = 0;
        for (int i = 0; i < 100; i++) {
            refusals += g.guavaRefused() ? 0 : 1;
        }
        assertTrue(refusals > 0, "Guava at 1000/s never refused 100 back-to-back calls");
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void stateSizeShouldCountBytesForEveryScenario(Scenario scenario) {
        StateSize size = StateSize.measure(scenario, 2_000);
        assertTrue(size.serializedBytes() > 0);
        assertTrue(size.heapBytes() > size.serializedBytes(), () -> "heap " + size);
        assertEquals(2_000, size.dedupIds());
        assertTrue(size.dedupHeapBytesPerId() > 0);
    }

    @Test
    void resultsJsonShouldCarryTheHeadlineFigures() {
        var figures = List.of(new BenchFigure("corePermit", "SYDNEY_DAY", 1, 2e6, 1e4, "ops/s"),
                new BenchFigure("bucket4jPermit", "SYDNEY_DAY", 1, 1e6, 1e4, "ops/s"),
                new BenchFigure("limitsPermit", "SYDNEY_DAY", 1, 3e6, 1e4, "ops/s"));
        String json = new ResultsJson(figures, List.of(), new Machine(2, "cpu \"x\"", "jdk", "os"), "cmd",
                "2026-01-01T00:00:00Z").render();
        assertTrue(json.contains("\"SYDNEY_DAY\": 2.00"), json);
        assertTrue(json.contains("\"SYDNEY_DAY\": 3.00"), json); // the limits alone over Bucket4j
        assertTrue(json.contains("\"coreDecisionsPerSecond\""), json);
        assertTrue(json.contains("\"stateBytesPerAccount\""), json);
        assertTrue(json.contains("cpu \\\"x\\\""), json);
        assertFalse(json.contains("NaN"), json);
    }
}
