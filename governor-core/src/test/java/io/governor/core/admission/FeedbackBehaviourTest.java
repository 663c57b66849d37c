package io.governor.core.admission;

import static io.governor.core.testing.TestIntent.intent;
import static io.governor.core.testing.TestPolicy.policy;
import static io.governor.core.testing.TestPolicy.rolling;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Deferred;
import io.governor.core.decision.AdmissionDecision.Permitted;
import io.governor.core.decision.AdmissionDecision.Redirected;
import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.decision.DeferReason;
import io.governor.core.decision.RejectReason;
import io.governor.core.feedback.FeedbackSignal;
import io.governor.core.testing.TestPolicy;
import io.governor.schemas.event.CircuitState;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.event.RateLimitInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of the feedback loop, one by one, on one account in virtual time. */
class FeedbackBehaviourTest {
    private static final long T0 = 1_767_225_600_000L;

    private static AccountAdmission admission(TestPolicy p) {
        return AccountAdmission.inMemory("acct", p.build(), AdmissionSettings.defaults().withLookahead(0));
    }

    static Outcome outcome(Permitted p, int status, long at) {
        return outcome(p, status, null, null, null, at);
    }

    static Outcome outcome(Permitted p, int status, OutcomeError error, Long retryAfterMs, RateLimitInfo rl,
                           long at) {
        return new Outcome(p.intent().id(), p.intent().account(), p.lane(), p.attempt(), status, error, 10,
                retryAfterMs, rl, at - 10, at, "test");
    }

    private static <T extends AdmissionDecision> T only(List<AdmissionDecision> ds, Class<T> type) {
        assertEquals(1, ds.size(), ds.toString());
        return assertInstanceOf(type, ds.get(0));
    }

    private static Permitted permit(AccountAdmission a, String id, long now) {
        return only(a.offer(intent(id).build(), now), Permitted.class);
    }

    private static QuotaSnapshot snapshot(AccountAdmission a, long now) {
        return a.snapshots(now).get(0);
    }

    @Test
    void shouldCutTheFactorOnceForA429BurstThenRecoverStepByStep() {
        var a = admission(policy().limit(rolling(100, Duration.ofMinutes(1)))
                .adaptive(0.5, 0.1, 0.1, Duration.ofSeconds(30)));
        List<Permitted> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(permit(a, "b" + i, T0));
        }
        for (Permitted p : burst) {
            a.outcome(outcome(p, 429, T0 + 100), T0 + 100);
        }
        assertEquals(0.5, snapshot(a, T0 + 100).adaptiveFactor(), 1e-9, "a burst of 429s is one cut");
        assertEquals(50, snapshot(a, T0 + 100).windows().get(0).effectiveMax());
        assertEquals(0.6, snapshot(a, T0 + 30_100).adaptiveFactor(), 1e-9);
        assertEquals(0.7, snapshot(a, T0 + 60_100).adaptiveFactor(), 1e-9);
        Permitted later = permit(a, "later", T0 + 60_200);
        a.outcome(outcome(later, 429, T0 + 60_300), T0 + 60_300);
        assertEquals(0.35, snapshot(a, T0 + 60_300).adaptiveFactor(), 1e-9, "a 429 after the cut cuts again");
        assertEquals(1.0, snapshot(a, T0 + 600_000).adaptiveFactor(), 1e-9, "never above the configured max");
    }

    @Test
    void shouldNeverCutBelowTheFloor() {
        var a = admission(policy().limit(rolling(100, Duration.ofMinutes(1)))
                .adaptive(0.1, 0.1, 0.3, Duration.ofSeconds(30)));
        for (int i = 0; i < 4; i++) {
            Permitted p = permit(a, "x" + i, T0 + i * 1000L);
            a.outcome(outcome(p, 429, T0 + i * 1000L + 100), T0 + i * 1000L + 100);
        }
        assertEquals(0.3, snapshot(a, T0 + 4_000).adaptiveFactor(), 1e-9);
    }

    @Test
    void shouldPauseTheWholeAccountUntilRetryAfterGivenInSeconds() {
        var a = admission(policy().limit(rolling(100, Duration.ofMinutes(1))));
        Permitted p = permit(a, "p", T0);
        a.outcome(outcome(p, 429, null, 5_000L, null, T0 + 100), T0 + 100);
        var d = only(a.offer(intent("other").build(), T0 + 200), Deferred.class);
        assertEquals(DeferReason.PAUSED, d.reason());
        assertEquals(T0 + 5_100, d.retryAt());
        assertEquals(T0 + 5_080, a.nextWakeAt(), "one 20 ms release tick early");
        assertTrue(a.release(T0 + 5_079).isEmpty());
        assertEquals(T0 + 5_100, only(a.release(T0 + 5_080), Permitted.class).notBefore(), "at the pause's end");
    }

    @Test
    void shouldPauseOnlyTheLaneForARetryAfterFromAnHttpDate() {
        // The executor turned "Retry-After: <date two minutes on>" into milliseconds from its answer.
        var a = admission(policy().lanes(List.of("ip-1", "ip-2"), List.of(rolling(100, Duration.ofMinutes(1)))));
        Permitted p = only(a.offer(intent("p").lane("ip-1").build(), T0), Permitted.class);
        long retryAfterMs = (T0 + 120_000) - (T0 + 100);
        a.outcome(outcome(p, 429, null, retryAfterMs, null, T0 + 100), T0 + 100);
        assertEquals("ip-2", permit(a, "any", T0 + 200).lane(), "the paused lane drops out of rotation");
        var d = only(a.offer(intent("one").lane("ip-1").build(), T0 + 300), Deferred.class);
        assertEquals(DeferReason.PAUSED, d.reason());
        assertEquals(T0 + 120_000, d.retryAt());
    }

    @Test
    void shouldRaiseTheUsedCountAndCapTheMaxFromRateLimitHeaders() {
        var a = admission(policy().limit(rolling(10, Duration.ofMinutes(1))));
        Permitted p = permit(a, "p", T0);
        var headers = new RateLimitInfo(6L, 1L, T0 + 50_000);
        a.outcome(outcome(p, 200, null, null, headers, T0 + 100), T0 + 100);
        var w = snapshot(a, T0 + 100).windows().get(0);
        assertEquals(10, w.max());
        assertEquals(6, w.effectiveMax(), "the upstream's own limit caps the window");
        assertEquals(5, w.used(), "others' calls counted by the upstream are counted here too");
        permit(a, "one-more", T0 + 200);
        assertEquals(DeferReason.RATE_LIMIT, only(a.offer(intent("full").build(), T0 + 300), Deferred.class)
                .reason());
    }

    @Test
    void shouldSyncThePerSecondWindowWhenItsResetIsRoundedUpToWholeSeconds() {
        // The live demo stalled for a minute: "limit 5, reset in 2 s" (a 1 s window's reset, rounded up) was
        // taken for the 1 min window, whose max then became 5.
        var a = admission(policy().limit(rolling(5, Duration.ofSeconds(1)))
                .limit(rolling(120, Duration.ofMinutes(1))));
        Permitted p = permit(a, "p", T0);
        a.outcome(outcome(p, 200, null, null, new RateLimitInfo(5L, 4L, T0 + 2_000), T0 + 100), T0 + 100);
        a.outcome(outcome(p, 200, null, null, new RateLimitInfo(null, null, T0 + 1_900), T0 + 100), T0 + 100);
        var windows = snapshot(a, T0 + 100).windows();
        assertEquals(5, windows.get(0).effectiveMax());
        assertEquals(120, windows.get(1).effectiveMax(), "the minute window keeps its own max");
    }

    @Test
    void shouldNeverLowerOurOwnCountOnHeaderSync() {
        var a = admission(policy().limit(rolling(10, Duration.ofMinutes(1))));
        Permitted p = null;
        for (int i = 0; i < 4; i++) {
            p = permit(a, "p" + i, T0);
        }
        a.outcome(outcome(p, 200, null, null, new RateLimitInfo(10L, 9L, null), T0 + 100), T0 + 100);
        assertEquals(4, snapshot(a, T0 + 100).windows().get(0).used());
    }

    @Test
    void shouldOpenOnConsecutiveFailuresThenCloseAfterASuccessfulProbe() {
        var a = admission(policy().limit(rolling(100, Duration.ofMinutes(1)))
                .circuit(3, 1.0, Duration.ofMinutes(1), 100, Duration.ofSeconds(10), 1));
        for (int i = 0; i < 3; i++) {
            a.outcome(outcome(permit(a, "f" + i, T0 + i), 503, T0 + 100 + i), T0 + 100 + i);
        }
        assertEquals(FeedbackSignal.Kind.CIRCUIT_OPENED, a.drainSignals().get(0).kind());
        assertEquals(CircuitState.OPEN, snapshot(a, T0 + 200).circuit());
        var d = only(a.offer(intent("w1").build(), T0 + 200), Deferred.class);
        assertEquals(DeferReason.CIRCUIT_OPEN, d.reason());
        a.offer(intent("w2").build(), T0 + 300);
        long reopen = T0 + 102 + 10_000;
        assertEquals(CircuitState.HALF_OPEN, snapshot(a, reopen).circuit());
        List<AdmissionDecision> atCooldown = a.release(reopen);
        Permitted probe = assertInstanceOf(Permitted.class, atCooldown.get(0));
        assertEquals("w1", probe.intent().id());
        assertTrue(atCooldown.stream().noneMatch(x -> x instanceof Permitted && x != probe), "one probe only");
        List<AdmissionDecision> after = a.outcome(outcome(probe, 200, reopen + 50), reopen + 50);
        assertEquals("w2", assertInstanceOf(Permitted.class, after.get(0)).intent().id());
        assertEquals(FeedbackSignal.Kind.CIRCUIT_CLOSED, a.drainSignals().get(0).kind());
        assertEquals(CircuitState.CLOSED, snapshot(a, reopen + 50).circuit());
    }

    @Test
    void shouldHoldADailyCalendarCapWhileAProbeIsOutAcrossMidnight() {
        // The half-open circuit pauses the account until further notice (Long.MAX_VALUE) while its probe is out;
        // a calendar window asked for a time that far ahead once overflowed (llm-validation with calendar caps).
        long midnight = T0 + 86_400_000L;
        var a = admission(policy().limit(TestPolicy.calendar(4, Duration.ofDays(1), "UTC"))
                .circuit(3, 1.0, Duration.ofMinutes(1), 100, Duration.ofSeconds(10), 1));
        long t = midnight - 5_000;
        for (int i = 0; i < 3; i++) {
            a.outcome(outcome(permit(a, "f" + i, t + i), 503, t + 100 + i), t + 100 + i);
        }
        long reopen = t + 102 + 10_000; // after 00:00 UTC
        only(a.offer(intent("w1").build(), t + 200), Deferred.class);
        only(a.offer(intent("w2").build(), t + 300), Deferred.class);
        Permitted probe = assertInstanceOf(Permitted.class, a.release(reopen).get(0));
        assertEquals("w1", probe.intent().id());
        assertTrue(a.nextWakeAt() > reopen && a.nextWakeAt() < Long.MAX_VALUE, "the probe's lease end wakes it");
        assertTrue(a.release(reopen + 1_000).isEmpty(), "w2 waits for the probe, the new day's window intact");
        List<AdmissionDecision> after = a.outcome(outcome(probe, 200, reopen + 2_000), reopen + 2_000);
        Permitted w2 = assertInstanceOf(Permitted.class, after.get(0));
        assertEquals("w2", w2.intent().id());
        assertEquals(reopen + 2_000, w2.notBefore());
        assertTrue(a.offer(intent("w3").build(), reopen + 2_100).get(0) instanceof Permitted, "3rd of the new day");
        assertTrue(a.offer(intent("w4").build(), reopen + 2_100).get(0) instanceof Permitted, "4th of the new day");
        var full = only(a.offer(intent("w5").build(), reopen + 2_100), Deferred.class);
        assertEquals(midnight + 86_400_000L, full.retryAt(), "the new day is full until the next midnight");
    }

    @Test
    void shouldOpenOnTheErrorRateOnlyWithEnoughCallsAndReopenWhenTheProbeFails() {
        var a = admission(policy().limit(rolling(100, Duration.ofMinutes(1)))
                .circuit(100, 0.5, Duration.ofMinutes(1), 4, Duration.ofSeconds(10), 1));
        int[] statuses = {200, 500, 200, 500};
        for (int i = 0; i < statuses.length; i++) {
            a.outcome(outcome(permit(a, "c" + i, T0 + i), statuses[i], T0 + 100 + i), T0 + 100 + i);
            assertEquals(i < 3 ? CircuitState.CLOSED : CircuitState.OPEN, snapshot(a, T0 + 100 + i).circuit(),
                    "after call " + i);
        }
        long halfOpen = T0 + 103 + 10_000;
        Permitted probe = permit(a, "probe", halfOpen);
        a.outcome(outcome(probe, 0, OutcomeError.TIMEOUT, null, null, halfOpen + 100), halfOpen + 100);
        assertEquals(CircuitState.OPEN, snapshot(a, halfOpen + 100).circuit(), "a failed probe reopens");
    }

    @Test
    void shouldGiveAProbeThatWasRateLimitedItsPlaceBackInsteadOfStallingHalfOpen() {
        var a = admission(policy().limit(rolling(100, Duration.ofMinutes(1)))
                .circuit(1, 1.0, Duration.ofMinutes(1), 100, Duration.ofSeconds(10), 1));
        a.outcome(outcome(permit(a, "boom", T0), 503, T0 + 100), T0 + 100);
        Permitted probe = permit(a, "probe", T0 + 10_100);
        a.offer(intent("next").build(), T0 + 10_110);
        var after = a.outcome(outcome(probe, 429, T0 + 10_200), T0 + 10_200);
        assertEquals(RejectReason.ATTEMPTS_EXHAUSTED, assertInstanceOf(Rejected.class, after.get(0)).reason());
        assertEquals("next", assertInstanceOf(Permitted.class, after.get(1)).intent().id(),
                "a 429 says nothing about the circuit: the next intent probes");
    }

    @Test
    void shouldRedirectToAFallbackWhileTheCircuitIsOpenAndComeBackAfter() {
        var p = policy().limit(rolling(100, Duration.ofMinutes(1)))
                .circuit(1, 1.0, Duration.ofMinutes(1), 100, Duration.ofSeconds(10), 1);
        var primary = admission(p);
        var fallback = AccountAdmission.inMemory("b", p.build(), AdmissionSettings.defaults().withLookahead(0));
        primary.outcome(outcome(permit(primary, "boom", T0), 503, T0 + 100), T0 + 100);

        List<AdmissionDecision> ds = primary.offer(intent("x").fallbacks("b", "c").build(), T0 + 200);
        assertEquals(DeferReason.CIRCUIT_OPEN, assertInstanceOf(Deferred.class, ds.get(0)).reason());
        var r = assertInstanceOf(Redirected.class, ds.get(1));
        assertEquals("b", r.toAccount());
        assertEquals(0, r.hop());
        Permitted there = only(fallback.offerFallback(r.intent(), r.hop(), T0 + 250), Permitted.class);
        assertEquals("b", there.intent().account(), "the permit names the fallback account");

        fallback.outcome(outcome(there, 503, T0 + 300), T0 + 300);
        var next = only(fallback.offerFallback(intent("y").fallbacks("b").build(), 0, T0 + 400),
                Redirected.class);
        assertEquals("acct", next.toAccount(), "no fallback left: back home");
        assertEquals(1, next.hop());
        var home = only(primary.offerReturned(next.intent(), T0 + 500), Deferred.class);
        assertEquals(DeferReason.CIRCUIT_OPEN, home.reason(), "not a duplicate: it waits for the circuit");
        Permitted back = assertInstanceOf(Permitted.class, primary.release(T0 + 10_100).get(0));
        assertEquals("y", back.intent().id());
        assertEquals("acct", back.intent().account());
        assertInstanceOf(Redirected.class, primary.offer(intent("z").fallbacks("b").build(), T0 + 10_200)
                .get(1), "while its one probe is out, the account still redirects");
        primary.outcome(outcome(back, 200, T0 + 10_300), T0 + 10_300);
        assertInstanceOf(Permitted.class, primary.offer(intent("z2").fallbacks("b").build(), T0 + 10_400)
                .get(0), "closed again: served at home");
    }

    @Test
    void shouldFollowFallbacksInTheInMemoryGovernorSkippingUnknownAccounts() {
        var p = policy().limit(rolling(100, Duration.ofMinutes(1)))
                .circuit(1, 1.0, Duration.ofMinutes(1), 100, Duration.ofSeconds(10), 1).build();
        var g = new io.governor.core.Governor(new io.governor.schemas.policy.PolicyDocument(null,
                java.util.Map.of("acct", p, "b", p)), AdmissionSettings.defaults().withLookahead(0));
        Permitted boom = assertInstanceOf(Permitted.class, g.offer(intent("boom").build(), T0).get(0));
        g.outcome(outcome(boom, 503, T0 + 100), T0 + 100);
        List<AdmissionDecision> ds = g.offer(intent("x").fallbacks("nowhere", "b").build(), T0 + 200);
        Permitted x = assertInstanceOf(Permitted.class, ds.get(ds.size() - 1));
        assertEquals("b", x.intent().account());
        assertTrue(ds.stream().noneMatch(d -> d instanceof Redirected));
    }

    @Test
    void shouldRejectA403PauseTheAccountAlertAndLetWaitingIntentsExpire() {
        var a = admission(policy().limit(rolling(100, Duration.ofMinutes(1))).forbiddenPause(Duration.ofHours(1)));
        Permitted p = permit(a, "p", T0);
        var ds = a.outcome(outcome(p, 403, T0 + 100), T0 + 100);
        assertEquals(RejectReason.FORBIDDEN, only(ds, Rejected.class).reason());
        assertEquals(FeedbackSignal.Kind.FORBIDDEN, a.drainSignals().get(0).kind());
        assertEquals(CircuitState.FORBIDDEN, snapshot(a, T0 + 200).circuit());
        var d = only(a.offer(intent("w").deadline(T0 + 5_000).build(), T0 + 200), Deferred.class);
        assertEquals(DeferReason.FORBIDDEN, d.reason());
        assertEquals(RejectReason.EXPIRED, only(a.release(T0 + 5_001), Rejected.class).reason());
    }

    @Test
    void shouldRetryWithBoundedBackoffSpendingTheWindowThenExhaustTheAttempts() {
        var a = admission(policy().limit(rolling(3, Duration.ofMinutes(1)))
                .retry(3, Duration.ofSeconds(2), 2, Duration.ofSeconds(3), 0.9, 1.6));
        Permitted first = permit(a, "r", T0);
        var wait = only(a.outcome(outcome(first, 503, T0 + 100), T0 + 100), Deferred.class);
        assertEquals(DeferReason.NOT_YET, wait.reason());
        assertTrue(wait.retryAt() >= T0 + 100 + 1_800 && wait.retryAt() <= T0 + 100 + 3_200, "" + wait.retryAt());
        Permitted second = only(a.release(wait.retryAt()), Permitted.class);
        assertEquals(1, second.attempt());
        assertEquals(wait.retryAt() - T0, second.waitedMs(), "waitedMs counts from the first arrival");
        var wait2 = only(a.outcome(outcome(second, 0, OutcomeError.CONNECT, null, null, wait.retryAt() + 50),
                wait.retryAt() + 50), Deferred.class);
        long delay2 = wait2.retryAt() - (wait.retryAt() + 50);
        assertTrue(delay2 >= 2_700 && delay2 <= 4_800, "min(2s × 2, 3s) × [0.9, 1.6], was " + delay2);
        Permitted third = only(a.release(wait2.retryAt()), Permitted.class);
        assertEquals(2, third.attempt());
        assertEquals(DeferReason.RATE_LIMIT, only(a.offer(intent("new").build(), wait2.retryAt()),
                Deferred.class).reason(), "three attempts spent the 3/min window");
        var end = a.outcome(outcome(third, 429, wait2.retryAt() + 50), wait2.retryAt() + 50);
        assertEquals(RejectReason.ATTEMPTS_EXHAUSTED, assertInstanceOf(Rejected.class, end.get(0)).reason());
    }

    @Test
    void shouldLetTheIntentsMaxAttemptsOverrideThePolicy() {
        var a = admission(policy().limit(rolling(10, Duration.ofMinutes(1)))
                .retry(5, Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 1, 1));
        Permitted p = only(a.offer(intent("once").maxAttempts(1).build(), T0), Permitted.class);
        assertEquals(RejectReason.ATTEMPTS_EXHAUSTED, only(a.outcome(outcome(p, 500, T0 + 10), T0 + 10),
                Rejected.class).reason());
    }

    @Test
    void shouldHoldIntentsAtTheConcurrencyCapUntilAnOutcomeOrALeaseEndFreesASlot() {
        var a = admission(policy().limit(rolling(100, Duration.ofMinutes(1))).concurrency(1)
                .lease(Duration.ofSeconds(5)));
        Permitted p = permit(a, "p", T0);
        var d = only(a.offer(intent("q").build(), T0 + 10), Deferred.class);
        assertEquals(DeferReason.CONCURRENCY, d.reason());
        assertEquals(T0 + 5_000, a.nextWakeAt(), "the lease end wakes the account");
        Permitted q = only(a.release(T0 + 5_000), Permitted.class);
        assertEquals("q", q.intent().id());
        assertTrue(a.outcome(outcome(p, 200, T0 + 5_001), T0 + 5_001).isEmpty(), "a late outcome is harmless");
        assertEquals(1, a.state().ignoredOutcomes());
        a.offer(intent("r").build(), T0 + 5_010);
        Permitted r = only(a.outcome(outcome(q, 200, T0 + 5_020), T0 + 5_020), Permitted.class);
        assertEquals("r", r.intent().id());
        assertTrue(a.outcome(outcome(q, 200, T0 + 5_030), T0 + 5_030).isEmpty(), "a duplicate is harmless");
        assertEquals(2, a.state().ignoredOutcomes());
    }
}
