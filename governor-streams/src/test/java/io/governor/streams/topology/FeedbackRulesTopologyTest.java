package io.governor.streams.topology;

import static io.governor.streams.topology.FeedbackTopologyTest.START;
import static io.governor.streams.topology.FeedbackTopologyTest.T0;
import static io.governor.streams.topology.FeedbackTopologyTest.intent;
import static io.governor.streams.topology.FeedbackTopologyTest.last;
import static io.governor.streams.topology.FeedbackTopologyTest.outcome;
import static io.governor.streams.topology.GovernorTopologyTest.NO_RUNTIME_POLICIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.admission.AdmissionSettings;
import io.governor.schemas.event.DeferralReason;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Priority;
import io.governor.schemas.event.RateLimitInfo;
import io.governor.schemas.event.RejectionReason;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.AdaptiveSpec;
import io.governor.schemas.policy.CircuitSpec;
import io.governor.schemas.policy.JobSpec;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.Pacing;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.RetrySpec;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each feedback rule of the contract through the topology, on virtual wall-clock time: AIMD, header sync, both
 * circuit trips and the half-open probe, Retry-After to the millisecond, and retry backoff bounds and spending.
 * Policies use BURST pacing so a window's count is visible as permits, and one-hour windows so nothing leaves
 * them during a test.
 */
class FeedbackRulesTopologyTest {
    static final long LOOKAHEAD = AdmissionSettings.DEFAULT_LOOKAHEAD_MS;
    /** A waiting intent is decided up to one release tick before its lookahead point, at its exact time. */
    static final long RELEASE_TICK = AdmissionSettings.DEFAULT_RELEASE_TICK_MS;
    static final LimitSpec HOURLY_100 = LimitSpec.rolling(100, Duration.ofHours(1));

    /** Virtual wall-clock time of the driver of the running test. */
    private long now = T0;

    static AccountPolicy burst(LimitSpec limit, JobSpec job, AdaptiveSpec adaptive, RetrySpec retry,
                               CircuitSpec circuit) {
        return new AccountPolicy(List.of(limit), 1.0, Pacing.BURST, null, null, null, null, null, null, null, job,
                null, adaptive, retry, circuit, null, null, null);
    }

    static GovernorDriver driver(AccountPolicy policy, Duration tick) {
        return new GovernorDriver(new PolicyDocument(null, Map.of("api", policy)), NO_RUNTIME_POLICIES, START, tick);
    }

    /** Moves the wall clock to {@code t} in steps of at most {@code stepMs}, landing on it exactly. */
    private void advanceTo(GovernorDriver g, long t, long stepMs) {
        long d = t - now;
        g.advance(Duration.ofMillis(d / stepMs * stepMs), Duration.ofMillis(stepMs));
        g.advance(Duration.ofMillis(d % stepMs), Duration.ofMillis(1));
        now = t;
    }

    private Outcome outcomeNow(Permit p, int status) {
        return outcome(p, status, now);
    }

    private static List<String> permittedIds(GovernorDriver g) {
        g.collect();
        return g.permitted.stream().map(Permit::intentId).toList();
    }

    private static Permit permitOf(GovernorDriver g, String id) {
        g.collect();
        return g.permitted.stream().filter(p -> p.intentId().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError(id + " not permitted: " + g.permitted));
    }

    private static DeferralReason lastDeferral(GovernorDriver g, String id) {
        g.collect();
        return g.deferred.stream().filter(d -> d.intentId().equals(id)).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError(id + " never deferred: " + g.deferred)).reason();
    }

    // --- AIMD -----------------------------------------------------------------------------------------------

    @Test
    void shouldCutTheFactorOnceForA429BurstThenRecoverOneStepEveryPeriod() {
        // 8 per hour; a 429 halves it to 4, every 30 s adds a quarter: 6, then 8 (all exact in binary).
        var adaptive = new AdaptiveSpec(0.5, 0.25, 0.25, Duration.ofSeconds(30));
        try (var g = driver(burst(LimitSpec.rolling(8, Duration.ofHours(1)), null, adaptive, null, null),
                Duration.ofMillis(20))) {
            for (int i = 0; i < 3; i++) {
                g.send(intent("b" + i, "api", null));
            }
            g.collect();
            List<Permit> burst = List.copyOf(g.permitted);
            assertEquals(3, burst.size());
            advanceTo(g, T0 + 100, 20);
            burst.forEach(p -> g.outcome(outcomeNow(p, 429)));
            for (int i = 0; i < 5; i++) {
                g.send(intent("w" + i, "api", null));
            }
            assertEquals(List.of("b0", "b1", "b2", "w0"), permittedIds(g),
                    "one cut for the whole burst: 4 allowed, not 2 (a second cut) nor 8 (none)");
            assertEquals(DeferralReason.RATE_LIMIT, lastDeferral(g, "w1"));

            long step1 = T0 + 100 + 30_000;
            advanceTo(g, step1 - 1, 20);
            assertEquals(4, g.permitted.size(), "no growth before the first period ends");
            advanceTo(g, step1 + LOOKAHEAD + 40, 20);
            assertEquals(List.of("b0", "b1", "b2", "w0", "w1", "w2"), permittedIds(g), "factor 0.75: 6 allowed");
            assertTrue(permitOf(g, "w1").notBefore() >= step1);

            long step2 = step1 + 30_000;
            advanceTo(g, step2 - 1, 20);
            assertEquals(6, g.permitted.size(), "no growth before the second period ends");
            advanceTo(g, step2 + LOOKAHEAD + 40, 20);
            assertEquals(8, g.permitted.size(), "factor 1: the configured 8");
            assertTrue(permitOf(g, "w3").notBefore() >= step2);
            advanceTo(g, step2 + 120_000, 100);
            assertEquals(8, g.permitted.size(), "never above the configured max");
        }
    }

    // --- header sync ----------------------------------------------------------------------------------------

    /** Permits of ten intents sent after one permit whose 200 carried {@code headers}. */
    private int permitsAfterOneAnsweredWith(RateLimitInfo headers) {
        now = T0;
        try (var g = driver(burst(LimitSpec.rolling(10, Duration.ofHours(1)), null, null, null, null),
                Duration.ofMillis(20))) {
            g.send(intent("first", "api", null));
            Permit first = last(g);
            advanceTo(g, T0 + 100, 20);
            Outcome ok = outcomeNow(first, 200);
            g.outcome(new Outcome(ok.intentId(), ok.account(), ok.lane(), ok.attempt(), 200, null, ok.latencyMs(),
                    null, headers, ok.startedAt(), ok.finishedAt(), ok.executor()));
            for (int i = 0; i < 10; i++) {
                g.send(intent("n" + i, "api", null));
            }
            g.collect();
            assertEquals(DeferralReason.RATE_LIMIT, g.deferred.get(g.deferred.size() - 1).reason());
            return g.permitted.size() - 1;
        }
    }

    @Test
    void shouldWaitForRateLimitEarlierWhenTheUpstreamsHeadersCountCallsWeDidNotSee() {
        assertEquals(9, permitsAfterOneAnsweredWith(null), "our own count alone: 1 of 10 used");
        assertEquals(4, permitsAfterOneAnsweredWith(new RateLimitInfo(10L, 4L, T0 + 1_800_000)),
                "the upstream counted 6 of 10: only 4 more");
    }

    // --- circuit --------------------------------------------------------------------------------------------

    private Permit permitNow(GovernorDriver g, String id) {
        g.send(intent(id, "api", null));
        Permit p = last(g);
        assertEquals(id, p.intentId(), "permitted at once");
        return p;
    }

    @Test
    void shouldOpenAfterConsecutiveFailuresAndCloseWhenTheHalfOpenProbeSucceeds() {
        var circuit = new CircuitSpec(3, 1.0, Duration.ofMinutes(1), 100, Duration.ofSeconds(10), 1);
        try (var g = driver(burst(HOURLY_100, null, null, null, circuit), Duration.ofMillis(20))) {
            advanceTo(g, T0 + 100, 20);
            for (int status : new int[] {503, 503, 200, 503, 503}) {
                g.outcome(outcomeNow(permitNow(g, "c" + g.permitted.size()), status));
            }
            permitNow(g, "still-closed"); // a success broke the run: 2 failures in a row only
            g.outcome(outcomeNow(permitNow(g, "third"), 503));
            long openUntil = now + 10_000;

            g.send(intent("probe", "api", null));
            g.send(intent("second", "api", null));
            assertEquals(DeferralReason.CIRCUIT_OPEN, lastDeferral(g, "probe"));
            assertEquals(DeferralReason.CIRCUIT_OPEN, lastDeferral(g, "second"));
            int before = g.permitted.size();
            advanceTo(g, openUntil - LOOKAHEAD - RELEASE_TICK - 1, 20);
            assertEquals(before, g.permitted.size(), "nothing during the cooldown");
            advanceTo(g, openUntil + 200, 20);
            Permit probe = permitOf(g, "probe");
            assertTrue(probe.notBefore() >= openUntil, "the probe starts after the cooldown");
            assertEquals(before + 1, g.permitted.size(), "one probe, nothing more until it answers");

            g.outcome(outcomeNow(probe, 200));
            assertEquals("second", last(g).intentId(), "the probe's success closes the circuit");
            permitNow(g, "after");
        }
    }

    @Test
    void shouldTripOnTheErrorRateOnlyWithMinCallsAndReopenWhenTheHalfOpenProbeFails() {
        var circuit = new CircuitSpec(100, 0.5, Duration.ofMinutes(1), 4, Duration.ofSeconds(10), 1);
        try (var g = driver(burst(HOURLY_100, null, null, null, circuit), Duration.ofMillis(20))) {
            advanceTo(g, T0 + 100, 20);
            for (int status : new int[] {500, 200, 500}) {
                g.outcome(outcomeNow(permitNow(g, "c" + g.permitted.size()), status));
            }
            Permit fourth = permitNow(g, "fourth"); // 2 of 3 failed, but 3 calls are below minCalls 4
            g.outcome(outcomeNow(fourth, 500)); // 3 of 4 ≥ 50 %
            long openUntil = now + 10_000;
            g.send(intent("probe", "api", null));
            assertEquals(DeferralReason.CIRCUIT_OPEN, lastDeferral(g, "probe"));

            advanceTo(g, openUntil + 200, 20);
            Permit probe = permitOf(g, "probe");
            assertTrue(probe.notBefore() >= openUntil);
            g.outcome(outcomeNow(probe, 503));
            long reopenedUntil = now + 10_000;
            g.send(intent("next", "api", null));
            assertEquals(DeferralReason.CIRCUIT_OPEN, lastDeferral(g, "next"), "a failed probe reopens");
            advanceTo(g, reopenedUntil - LOOKAHEAD - RELEASE_TICK - 1, 20);
            assertTrue(permittedIds(g).stream().noneMatch("next"::equals), "held for the whole next cooldown");
            advanceTo(g, reopenedUntil + 200, 20);
            assertTrue(permitOf(g, "next").notBefore() >= reopenedUntil);
        }
    }

    @Test
    void shouldKeepOneProbeWhenALeaseFromBeforeTheTripEndsWhileTheProbeIsOut() {
        var circuit = new CircuitSpec(1, 1.0, Duration.ofMinutes(1), 100, Duration.ofSeconds(10), 1);
        try (var g = driver(burst(HOURLY_100, null, null, null, circuit), Duration.ofMillis(20))) {
            Permit old = permitNow(g, "old"); // never answered: its lease ends 30 s after its start
            advanceTo(g, T0 + 100, 20);
            g.outcome(outcomeNow(permitNow(g, "boom"), 503));
            g.send(intent("probe", "api", null));
            g.send(intent("second", "api", null));
            advanceTo(g, T0 + 10_400, 20);
            Permit probe = permitOf(g, "probe");
            assertTrue(permittedIds(g).stream().noneMatch("second"::equals), "one probe at the cooldown's end");
            advanceTo(g, old.notBefore() + 30_000 + 200, 20);
            assertTrue(probe.notBefore() + 30_000 > now, "the probe's own lease still runs");
            assertTrue(permittedIds(g).stream().noneMatch("second"::equals),
                    "the old permit was no probe: its lease end must not make room for a second one, yet second "
                            + "started at T0+" + g.permitted.stream().filter(p -> p.intentId().equals("second"))
                            .map(p -> p.notBefore() - T0).findFirst().orElse(-1L));
        }
    }

    // --- Retry-After ----------------------------------------------------------------------------------------

    @Test
    void shouldHoldARetryAfterGivenAsAnHttpDateToTheMillisecond() {
        // The executor turns "Retry-After: Mon, 02 Mar 2026 09:02:00 GMT" into milliseconds after its answer.
        long date = ZonedDateTime.parse("Mon, 02 Mar 2026 09:02:00 GMT", DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant().toEpochMilli();
        try (var g = driver(burst(HOURLY_100, null, null, null, null), Duration.ofMillis(1))) {
            Permit a = permitNow(g, "a");
            advanceTo(g, T0 + 137, 1);
            Outcome tooMany = outcomeNow(a, 429);
            long retryAfterMs = date - tooMany.finishedAt();
            g.outcome(new Outcome(a.intentId(), a.account(), null, 0, 429, null, 10, retryAfterMs, null,
                    tooMany.startedAt(), tooMany.finishedAt(), "test"));
            long edge = tooMany.finishedAt() + retryAfterMs;
            assertEquals(date, edge);

            g.send(intent("b", "api", null));
            g.collect();
            var paused = g.deferred.get(g.deferred.size() - 1);
            assertEquals(DeferralReason.PAUSED, paused.reason());
            assertEquals(edge - LOOKAHEAD, paused.retryAt(), "retryAt is the decision, a lookahead early");
            // A permit may start up to the lookahead and a release tick after its decision: edge − 1 ms is still
            // paused...
            advanceTo(g, edge - 1 - LOOKAHEAD - RELEASE_TICK, 1_000);
            assertTrue(permittedIds(g).stream().noneMatch("b"::equals), "not at edge − 1 ms");
            // ...and the edge itself is free: decided a tick early, it starts at the edge exactly.
            advanceTo(g, edge - LOOKAHEAD - RELEASE_TICK, 1);
            assertEquals(edge, permitOf(g, "b").notBefore());
        }
    }

    // --- retries --------------------------------------------------------------------------------------------

    private Permit attempt(GovernorDriver g, String id, int attempt) {
        g.collect();
        return g.permitted.stream().filter(p -> p.intentId().equals(id) && p.attempt() == attempt).findFirst()
                .orElseThrow(() -> new AssertionError(id + " attempt " + attempt + " not permitted: " + g.permitted));
    }

    private static void assertWithin(long from, long to, long actual, String what) {
        assertTrue(actual >= from && actual <= to, what + ": " + actual + " not in [" + from + ", " + to + "]");
    }

    @Test
    void shouldRetryWithinTheJitteredBackoffGrowingByTheMultiplierUpToMaxBackoff() {
        // 1 s, then 2 s, then 4 s capped to 2 s; jitter [0.9, 1.6]. Capped, retry 3 is below 4 s × 0.9.
        var retry = new RetrySpec(4, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 0.9, 1.6);
        try (var g = driver(burst(HOURLY_100, null, null, retry, null), Duration.ofMillis(1))) {
            Permit p = permitNow(g, "r");
            long[][] bounds = {{900, 1_600}, {1_800, 3_200}, {1_800, 3_200}};
            for (int n = 0; n < 3; n++) {
                advanceTo(g, Math.max(now, p.notBefore()) + 100, 1);
                long failedAt = now;
                g.outcome(outcomeNow(p, 503));
                assertEquals(DeferralReason.NOT_YET, lastDeferral(g, "r"));
                advanceTo(g, failedAt + 3_300, 1);
                p = attempt(g, "r", n + 1);
                assertWithin(failedAt + bounds[n][0], failedAt + bounds[n][1], p.notBefore(),
                        "retry " + (n + 1) + " after the failure at " + (failedAt - T0));
            }
            advanceTo(g, p.notBefore() + 100, 1);
            g.outcome(outcomeNow(p, 503));
            g.collect();
            assertEquals(RejectionReason.ATTEMPTS_EXHAUSTED, g.rejected.get(0).reason());
            assertEquals(4, g.permitted.size());
        }
    }

    static Intent ofJob(String id, String job) {
        return new Intent(id, "api", null, null, Priority.NORMAL, 1, job, null, null, null, null, null, null, null,
                T0);
    }

    @Test
    void shouldSpendAWindowSlotAndAJobCallOnARetry() {
        var retry = new RetrySpec(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(60), 0.9, 1.6);
        try (var g = driver(burst(LimitSpec.rolling(3, Duration.ofHours(1)), new JobSpec(2), null, retry, null),
                Duration.ofMillis(20))) {
            g.send(ofJob("r", "crawl"));
            Permit first = last(g);
            advanceTo(g, T0 + 400, 20);
            g.outcome(outcomeNow(first, 503));
            advanceTo(g, T0 + 3_000, 20);
            assertEquals(1, attempt(g, "r", 1).attempt());

            g.send(ofJob("s", "crawl"));
            g.collect();
            assertEquals(RejectionReason.BUDGET_EXHAUSTED, g.rejected.get(0).reason(),
                    "the retry was the job's second call");
            permitNow(g, "t");
            g.send(intent("u", "api", null));
            assertEquals(DeferralReason.RATE_LIMIT, lastDeferral(g, "u"), "r, its retry and t fill the 3 slots");
        }
    }
}
