package io.governor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Priority;
import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import io.governor.simulator.report.Figures;
import io.governor.simulator.report.Progress;
import io.governor.simulator.report.Report;
import io.governor.simulator.report.RunEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every shipped scenario, whole, in virtual mode with the baseline: no call over the truth's limits, efficiency at
 * least 0.98 of the best schedule under the same policy, and what the scenario is there to show.
 */
class ShippedScenariosTest {
    private static Report run(String name, RunEvents events) {
        Scenario s = ScenarioLoader.load(Path.of("scenarios", name + ".yaml"));
        Report r = new Simulation(s).run(true, events, Progress.SILENT);
        System.out.printf("%s: violations %d, efficiency %.3f, 429s %d (naive %d), %.1f s wall%n", name,
                r.totals().violations(), r.totals().efficiency(), r.totals().upstream().rateLimited(),
                r.totals().baseline().upstream().rateLimited(), r.wallSeconds());
        return r;
    }

    private static void assertSafeAndEfficient(Figures f, double floor) {
        assertEquals(0, f.violations(), "calls the truth refused");
        assertEquals(0, f.upstream().rateLimited(), "429s");
        assertTrue(f.efficiency() >= floor, "efficiency " + f.efficiency() + " < " + floor);
    }

    @Test
    void publicApiCrawlDrainsFourLanesThroughTheOutageWhileTheNaiveCrawlerIsBanned() {
        List<Outcome> outcomes = new ArrayList<>();
        Figures f = run("public-api-crawl", e -> {
            if (e instanceof Outcome o) {
                outcomes.add(o);
            }
        }).totals();
        assertSafeAndEfficient(f, 0.98);
        assertEquals(f.offered(), f.permitted());
        assertEquals(0, f.upstream().forbidden(), "never banned");
        assertTrue(f.baseline().upstream().forbidden() > 1000, "the naive crawler is banned");
        assertNull(f.rejected().get("EXPIRED"), "every HIGH request of the UI within its 30 minutes");
        long outageStart = ScenarioLoader.load(Path.of("scenarios", "public-api-crawl.yaml")).startMs()
                + 2 * 3_600_000;
        long inOutage = outcomes.stream().filter(o -> o.status() == 503 && o.startedAt() >= outageStart
                && o.startedAt() < outageStart + 15 * 60_000).count();
        // Calling on through the 15 minutes would take ~3,300 503s and lose those pages; the circuits stop each
        // IP after 5 failures and probe once a minute, and the retries fetch the pages again.
        assertTrue(inOutage < 100, "the circuits stopped the calls into the outage: " + inOutage + " 503s");
        assertTrue(f.rejected().getOrDefault("ATTEMPTS_EXHAUSTED", 0L) <= 10, "pages lost: " + f.rejected());
        assertEquals(f.offered(), f.upstream().ok() + f.rejected().getOrDefault("ATTEMPTS_EXHAUSTED", 0L),
                "every page fetched, after its retries, unless it ran out of attempts");
    }

    @Test
    void transitMidnightKeepsDeparturesFreshWhileTheBacklogWaitsForSydneyMidnight() {
        List<Permit> permits = new ArrayList<>();
        Figures f = run("transit-midnight", e -> {
            if (e instanceof Permit p) {
                permits.add(p);
            }
        }).totals();
        assertSafeAndEfficient(f, 0.98);
        assertEquals(f.offered(), f.permitted());
        long midnight = java.time.OffsetDateTime.parse("2026-01-06T00:00:00+11:00").toInstant().toEpochMilli();
        long lastLowBefore = permits.stream().filter(p -> p.priority() == Priority.LOW && p.notBefore() < midnight)
                .mapToLong(Permit::notBefore).max().orElseThrow();
        long firstLowAfter = permits.stream().filter(p -> p.priority() == Priority.LOW && p.notBefore() >= midnight)
                .mapToLong(Permit::notBefore).min().orElseThrow();
        assertTrue(midnight - lastLowBefore > 30 * 60_000, "LOW's share of the Sydney day ran out before 23:30, at "
                + (midnight - lastLowBefore) / 60_000 + " min before midnight");
        assertTrue(firstLowAfter - midnight < 1_000, "the backlog resumes at 00:00 Sydney: "
                + (firstLowAfter - midnight) + " ms after");
        assertTrue(f.waitMs().byPriority().get("HIGH").max() < 1000, "departures stay fresh across midnight: "
                + f.waitMs().byPriority().get("HIGH"));
        assertTrue(f.baseline().violations() > 0, "the naive client, blind to the day, overruns it");
    }

    @Test
    void tenantDownloaderKeepsTheStrictestOfThreeLimitsAndEveryTenantServed() {
        java.util.Set<String> binding = new java.util.TreeSet<>();
        Figures f = run("tenant-downloader", e -> {
            if (e instanceof Deferral d && d.window() != null) {
                binding.add(d.window());
            }
        }).totals();
        assertSafeAndEfficient(f, 0.98);
        assertEquals(java.util.Set.of("1s", "1m", "1h"), binding, "each of the three limits binds in its turn");
        assertEquals(null, f.rejected().get("EXPIRED"), "nothing expired, not even mail's 2-minute HIGH messages");
        f.byTenant().forEach((tenant, t) -> assertEquals(t.offered(), t.permitted(), tenant));
        assertTrue(f.baseline().violations() > 1000, "8 naive workers overrun a limit");
    }

    @Test
    void proxyPoolRotatesAHundredProxiesAndStopsUsingTheDeadOnes() {
        Figures f = run("proxy-pool", RunEvents.NONE).totals();
        assertSafeAndEfficient(f, 0.98);
        assertEquals(f.offered(), f.upstream().ok(), "every page fetched, retried off the dead proxies");
        assertTrue(f.upstream().timeouts() <= 5 * 10, "each dead proxy's circuit opened within a few calls: "
                + f.upstream().timeouts() + " timeouts");
        assertTrue(f.baseline().upstream().timeouts() >= 1000, "the naive rotation keeps hitting dead proxies");
    }

    @Test
    void llmValidationHoldsConcurrencyAndMovesWorkToTheFallbackDuringTheOutage() {
        List<Outcome> outcomes = new ArrayList<>();
        List<Permit> permits = new ArrayList<>();
        Report r = run("llm-validation", e -> {
            if (e instanceof Outcome o) {
                outcomes.add(o);
            } else if (e instanceof Permit p) {
                permits.add(p);
            }
        });
        Figures primary = r.accounts().get("llm-primary");
        assertSafeAndEfficient(r.totals(), 0.98);
        assertEquals(2, maxInFlight(outcomes, "llm-primary"), "llm-primary concurrency");
        assertEquals(1, maxInFlight(outcomes, "llm-fallback"), "llm-fallback concurrency");
        long outageStart = ScenarioLoader.load(Path.of("scenarios", "llm-validation.yaml")).startMs() + 40 * 60_000;
        long onFallbackInOutage = permits.stream().filter(p -> p.account().equals("llm-fallback")
                && p.notBefore() >= outageStart && p.notBefore() < outageStart + 20 * 60_000).count();
        assertTrue(onFallbackInOutage > 50, "the circuit moved the outage's work to the fallback: "
                + onFallbackInOutage);
        assertTrue(primary.upstream().serverErrors() * 3 < primary.baseline().upstream().serverErrors(),
                "the open circuit spares the primary: " + primary.upstream() + " vs naive "
                        + primary.baseline().upstream());
    }

    /** The most calls of {@code account} that were running at the same instant. */
    private static int maxInFlight(List<Outcome> outcomes, String account) {
        Map<Long, Integer> deltas = new HashMap<>();
        for (Outcome o : outcomes) {
            if (o.account().equals(account) && o.error() == null) {
                deltas.merge(o.startedAt(), 1, Integer::sum);
                deltas.merge(o.finishedAt(), -1, Integer::sum);
            }
        }
        int now = 0;
        int max = 0;
        List<Map.Entry<Long, Integer>> sorted = new ArrayList<>(deltas.entrySet());
        sorted.sort(Comparator.comparingLong(Map.Entry::getKey)); // at a tie, ends and starts net out first
        for (var e : sorted) {
            now += e.getValue();
            max = Math.max(max, now);
        }
        return max;
    }
}
