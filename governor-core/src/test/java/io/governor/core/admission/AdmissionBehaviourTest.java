package io.governor.core.admission;

import static io.governor.core.testing.TestIntent.intent;
import static io.governor.core.testing.TestPolicy.policy;
import static io.governor.core.testing.TestPolicy.rolling;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.Governor;
import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Deferred;
import io.governor.core.decision.AdmissionDecision.Permitted;
import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.decision.DeferReason;
import io.governor.core.decision.RejectReason;
import io.governor.core.testing.TestPolicy;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.Pacing;
import io.governor.schemas.policy.PolicyDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionBehaviourTest {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private static AccountAdmission admission(TestPolicy p, long lookahead) {
        return AccountAdmission.inMemory("acct", p.build(), AdmissionSettings.defaults().withLookahead(lookahead));
    }

    /** Dedup forgets ids after 5 s, long before the intents of the tests that use it are done. */
    private static final AdmissionSettings SHORT_DEDUP = AdmissionSettings.defaults().withLookahead(0)
            .withDedupRetention(5_000);

    /** The one decision is a DUPLICATE rejection whose detail says {@code because}. */
    private static void assertDuplicate(List<AdmissionDecision> ds, String because) {
        var r = assertInstanceOf(Rejected.class, only(ds));
        assertEquals(RejectReason.DUPLICATE, r.reason());
        assertTrue(r.detail().contains(because), r.detail());
    }

    private static AdmissionDecision only(List<AdmissionDecision> ds) {
        assertEquals(1, ds.size(), () -> "expected one decision, got " + ds);
        return ds.get(0);
    }

    private static <T extends AdmissionDecision> List<T> of(List<AdmissionDecision> ds, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (AdmissionDecision d : ds) {
            if (type.isInstance(d)) {
                out.add(type.cast(d));
            }
        }
        return out;
    }

    /** Releases at every wake-up until nothing waits or {@code until}; returns all decisions. */
    private static List<AdmissionDecision> runUntil(AccountAdmission a, long until) {
        List<AdmissionDecision> all = new ArrayList<>();
        for (int i = 0; i < 100_000 && a.nextWakeAt() <= until; i++) {
            all.addAll(a.release(a.nextWakeAt()));
        }
        return all;
    }

    @Test
    void shouldPermitAtTheLookaheadPointWhenTheWindowHasRoom() {
        var a = admission(policy().limit(rolling(5, Duration.ofSeconds(1))).validity(Duration.ofMillis(50)), 250);
        var p = assertInstanceOf(Permitted.class, only(a.offer(intent("i1").build(), T0)));
        assertEquals(T0 + 250, p.notBefore());
        assertEquals(T0 + 300, p.validUntil());
        assertNull(p.lane());
    }

    @Test
    void shouldDeferWhenTheSecondWindowIsFullAndPermitAtTheExactReopeningOneReleaseTickEarly() {
        var a = admission(policy().limit(rolling(2, Duration.ofSeconds(1))), 0);
        assertInstanceOf(Permitted.class, only(a.offer(intent("a").build(), T0)));
        assertInstanceOf(Permitted.class, only(a.offer(intent("b").build(), T0)));
        var d = assertInstanceOf(Deferred.class, only(a.offer(intent("c").build(), T0 + 900)));
        assertEquals(DeferReason.RATE_LIMIT, d.reason());
        assertEquals("1s", d.bindingWindow());
        assertEquals(T0 + 1_001, d.retryAt(), "validUntil (T0 + 1) + per");
        assertEquals(T0 + 981, a.nextWakeAt(), "one 20 ms release tick before the reopening");
        assertTrue(a.release(T0 + 980).isEmpty(), "21 ms before the reopening is more than a tick");
        var p = assertInstanceOf(Permitted.class, only(a.release(T0 + 981)));
        assertEquals(T0 + 1_001, p.notBefore(), "per after notBefore is not enough: the span lasts 1 ms");
        assertEquals(T0 + 1_002, p.validUntil());
        assertEquals(81, p.waitedMs());
    }

    @Test
    void shouldPermitANewcomerAtTheExactReopeningWhenItIsAtMostOneReleaseTickAway() {
        var a = admission(policy().limit(rolling(1, Duration.ofSeconds(1))), 250);
        assertEquals(T0 + 250, assertInstanceOf(Permitted.class, only(a.offer(intent("a").build(), T0)))
                .notBefore());
        // the window reopens at validUntil (T0 + 251) + 1 s = T0 + 1251; the lookahead point is now + 250
        var d = assertInstanceOf(Deferred.class, only(a.offer(intent("b").build(), T0 + 980)));
        assertEquals(T0 + 1_001, d.retryAt());
        var p = assertInstanceOf(Permitted.class, only(a.release(T0 + 981)));
        assertEquals(T0 + 1_251, p.notBefore(), "reopening − lookahead − now = 20 ms: taken at once, exactly");

        var fresh = admission(policy().limit(rolling(1, Duration.ofSeconds(1))), 250);
        fresh.offer(intent("a").build(), T0);
        assertEquals(T0 + 1_251, assertInstanceOf(Permitted.class, only(fresh.offer(intent("b").build(), T0 + 981)))
                .notBefore(), "a newcomer too");
    }

    @Test
    void shouldNotLetABurstOfPacedPermitsReachPastTheLookaheadAndOneReleaseTick() {
        // 1000/s paced: each exact earliest time is 1 ms after the last notBefore; measured from that notBefore,
        // "within one tick" would chain the whole burst seconds ahead
        var a = admission(policy().limit(rolling(1000, Duration.ofSeconds(1))).pacing(Pacing.SMOOTH)
                .validity(Duration.ofMillis(1)), 250);
        List<AdmissionDecision> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            all.addAll(a.offer(intent("b" + i).build(), T0));
        }
        long permitted = all.stream().filter(d -> d instanceof Permitted).count();
        long latest = all.stream().filter(d -> d instanceof Permitted).mapToLong(d -> ((Permitted) d).notBefore())
                .max().orElseThrow();
        assertTrue(latest <= T0 + 250 + 20, "no notBefore past now + lookahead + one tick: " + (latest - T0));
        assertTrue(permitted > 1 && permitted <= 22, "the burst's first 20 ms only: " + permitted);
        assertEquals(1000 - permitted, a.queueDepth());
    }

    @Test
    void shouldPermitOnlyOnTheHostsCallsWithAReleaseTickOfZero() {
        var a = AccountAdmission.inMemory("acct", policy().limit(rolling(2, Duration.ofSeconds(1))).build(),
                AdmissionSettings.defaults().withLookahead(0).withReleaseTick(0));
        a.offer(intent("a").build(), T0);
        a.offer(intent("b").build(), T0);
        assertInstanceOf(Deferred.class, only(a.offer(intent("c").build(), T0 + 999)));
        assertEquals(T0 + 1_001, a.nextWakeAt());
        assertTrue(a.release(T0 + 1_000).isEmpty());
        assertEquals(T0 + 1_001, assertInstanceOf(Permitted.class, only(a.release(T0 + 1_001))).notBefore());
    }

    @Test
    void shouldStartEveryPermitAtItsExactEarliestTimeWhenTheHostReleasesOnATickGrid() {
        // 1 per 2 s with 50 ms validity: a span [nb, nb + 50] lets the next one start at nb + 2050 exactly
        var a = admission(policy().limit(rolling(1, Duration.ofSeconds(2))).validity(Duration.ofMillis(50)), 250);
        List<AdmissionDecision> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.addAll(a.offer(intent("i" + i).build(), T0));
        }
        long grid = T0 + 7; // the host's 20 ms ticks, not aligned with the limit's times
        for (long tick = grid; a.queueDepth() > 0 && tick < T0 + 60_000; tick += 20) {
            if (a.nextWakeAt() <= tick) {
                for (AdmissionDecision d : a.release(tick)) {
                    all.add(d);
                    if (d instanceof Permitted p) {
                        assertTrue(p.notBefore() >= tick + 250 && p.notBefore() <= tick + 270,
                                "permitted " + (p.notBefore() - tick) + " ms ahead: within lookahead + one tick");
                    }
                }
            }
        }
        List<Permitted> permits = of(all, Permitted.class);
        assertEquals(10, permits.size());
        for (int i = 1; i < permits.size(); i++) {
            assertEquals(2_050, permits.get(i).notBefore() - permits.get(i - 1).notBefore(), "permit " + i);
        }
    }

    @Test
    void shouldReleaseWaitingIntentsInPriorityThenArrivalOrder() {
        var a = admission(policy().limit(rolling(1, Duration.ofSeconds(1))), 0);
        a.offer(intent("first").build(), T0);
        a.offer(intent("low").priority(Priority.LOW).build(), T0);
        a.offer(intent("normal1").build(), T0);
        a.offer(intent("critical").priority(Priority.CRITICAL).build(), T0);
        a.offer(intent("normal2").build(), T0);
        List<String> order = new ArrayList<>();
        for (AdmissionDecision d : runUntil(a, T0 + 10_000)) {
            if (d instanceof Permitted p) {
                order.add(p.intent().id());
            }
        }
        assertEquals(List.of("critical", "normal1", "normal2", "low"), order);
    }

    @Test
    void shouldKeepHighFlowingWhileLowWaitsInThePriorityReserve() {
        var a = admission(policy().limit(rolling(10, Duration.ofSeconds(1)))
                .priorities(Map.of(Priority.LOW, 0.5)), 0);
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Permitted.class, only(a.offer(intent("low" + i).priority(Priority.LOW).build(), T0)));
        }
        var d = assertInstanceOf(Deferred.class, only(a.offer(intent("low5").priority(Priority.LOW).build(), T0)));
        assertEquals(DeferReason.PRIORITY_RESERVE, d.reason());
        List<AdmissionDecision> highs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            highs.addAll(a.offer(intent("high" + i).priority(Priority.HIGH).build(), T0));
        }
        assertEquals(5, of(highs, Permitted.class).size(), "HIGH uses the reserved half while LOW waits");
        var full = assertInstanceOf(Deferred.class, only(a.offer(intent("high5").priority(Priority.HIGH).build(), T0)));
        assertEquals(DeferReason.RATE_LIMIT, full.reason());
    }

    @Test
    void shouldGiveALoneTenantItsFairTurnBehindAnotherTenantsBacklog() {
        var a = admission(policy().limit(rolling(10, Duration.ofSeconds(1))).tenants(List.of(), true), 0);
        for (int i = 0; i < 10_000; i++) {
            a.offer(intent("a" + i).tenant("A").build(), T0);
        }
        a.offer(intent("b0").tenant("B").build(), T0 + 1);
        int permittedBefore = 0;
        for (AdmissionDecision d : runUntil(a, T0 + 60_000)) {
            if (d instanceof Permitted p) {
                if (p.intent().id().equals("b0")) {
                    break;
                }
                permittedBefore++;
            }
        }
        assertTrue(permittedBefore <= 1, "B must wait at most one turn of A after the first window, waited "
                + permittedBefore);
    }

    @Test
    void shouldLetOtherTenantsPassATenantBlockedByItsOwnLimit() {
        var a = admission(policy().limit(rolling(10, Duration.ofSeconds(1)))
                .tenants(List.of(rolling(1, Duration.ofSeconds(1))), false), 0);
        assertInstanceOf(Permitted.class, only(a.offer(intent("a1").tenant("A").build(), T0)));
        var d = assertInstanceOf(Deferred.class, only(a.offer(intent("a2").tenant("A").build(), T0)));
        assertEquals("tenant:A/1s", d.bindingWindow());
        assertInstanceOf(Permitted.class, only(a.offer(intent("b1").tenant("B").build(), T0)));
    }

    @Test
    void shouldPickTheEarliestLaneRoundRobinAmongTiesAndHonourAnExplicitLane() {
        var a = admission(policy().limit(rolling(100, Duration.ofSeconds(1)))
                .lanes(List.of("ip-1", "ip-2", "ip-3"), List.of(rolling(2, Duration.ofSeconds(1)))), 0);
        List<String> lanes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lanes.add(assertInstanceOf(Permitted.class, only(a.offer(intent("rr" + i).build(), T0))).lane());
        }
        assertEquals(List.of("ip-1", "ip-2", "ip-3"), lanes);
        var pinned = assertInstanceOf(Permitted.class, only(a.offer(intent("pin").lane("ip-1").build(), T0)));
        assertEquals("ip-1", pinned.lane());
        var blocked = assertInstanceOf(Deferred.class, only(a.offer(intent("pin2").lane("ip-1").build(), T0)));
        assertEquals("lane:ip-1/1s", blocked.bindingWindow());
        // ip-1 is full, ip-2 and ip-3 have one slot each: an unpinned intent goes where it can go earliest.
        var free = assertInstanceOf(Permitted.class, only(a.offer(intent("free").build(), T0)));
        assertTrue(free.lane().equals("ip-2") || free.lane().equals("ip-3"), free.lane());
        var bad = assertInstanceOf(Rejected.class, only(a.offer(intent("bad").lane("ip-9").build(), T0)));
        assertEquals(RejectReason.UNKNOWN_ACCOUNT, bad.reason());
        assertTrue(bad.detail().contains("ip-9") && bad.detail().contains("ip-1"), bad.detail());
    }

    @Test
    void shouldRejectAJobOnceItsBudgetIsSpent() {
        var a = admission(policy().limit(rolling(100, Duration.ofSeconds(1))).job(2), 0);
        assertInstanceOf(Permitted.class, only(a.offer(intent("j1").job("crawl").build(), T0)));
        assertInstanceOf(Permitted.class, only(a.offer(intent("j2").job("crawl").build(), T0)));
        var r = assertInstanceOf(Rejected.class, only(a.offer(intent("j3").job("crawl").build(), T0)));
        assertEquals(RejectReason.BUDGET_EXHAUSTED, r.reason());
        assertInstanceOf(Permitted.class, only(a.offer(intent("k1").job("other").build(), T0)));
    }

    @Test
    void shouldRefuseAtAFullQueueAndShedTheNewestLowerPriorityForAHigherOne() {
        var a = admission(policy().limit(rolling(1, Duration.ofSeconds(1))).queueMax(2), 0);
        a.offer(intent("go").build(), T0);
        assertInstanceOf(Deferred.class, only(a.offer(intent("low1").priority(Priority.LOW).build(), T0)));
        assertInstanceOf(Deferred.class, only(a.offer(intent("low2").priority(Priority.LOW).build(), T0)));
        var full = assertInstanceOf(Rejected.class, only(a.offer(intent("low3").priority(Priority.LOW).build(), T0)));
        assertEquals(RejectReason.QUEUE_FULL, full.reason());
        List<AdmissionDecision> ds = a.offer(intent("high").priority(Priority.HIGH).build(), T0);
        var shed = of(ds, Rejected.class);
        assertEquals(1, shed.size());
        assertEquals("low2", shed.get(0).intent().id());
        assertEquals(RejectReason.SHED, shed.get(0).reason());
        assertEquals(1, of(ds, Deferred.class).size());
        assertEquals(2, a.queueDepth());
    }

    @Test
    void shouldHoldAnIntentUntilItsNotBeforeAndPermitItAtTheLookaheadPoint() {
        var a = admission(policy().limit(rolling(5, Duration.ofSeconds(1))), 250);
        var d = assertInstanceOf(Deferred.class, only(a.offer(intent("later").notBefore(T0 + 10_000).build(), T0)));
        assertEquals(DeferReason.NOT_YET, d.reason());
        assertEquals(T0 + 9_750, d.retryAt());
        assertEquals(T0 + 9_750, a.nextWakeAt());
        assertTrue(a.release(T0 + 9_749).isEmpty());
        var p = assertInstanceOf(Permitted.class, only(a.release(T0 + 9_750)));
        assertEquals(T0 + 10_000, p.notBefore());
    }

    @Test
    void shouldExpireAWaitingIntentPromptlyAtItsDeadlineThroughTheIndex() {
        var a = admission(policy().limit(rolling(1, Duration.ofMinutes(1))), 0);
        a.offer(intent("go").build(), T0);
        assertInstanceOf(Deferred.class, only(a.offer(intent("late").deadline(T0 + 5_000).build(), T0)));
        assertEquals(T0 + 5_001, a.nextWakeAt(), "the deadline, not the window (a minute away), wakes the host");
        assertTrue(a.release(T0 + 5_000).isEmpty(), "it may still go at its deadline");
        var r = assertInstanceOf(Rejected.class, only(a.release(T0 + 5_001)));
        assertEquals(RejectReason.EXPIRED, r.reason());
        assertEquals(0, a.queueDepth());
        assertEquals(T0 + 30_000, a.nextWakeAt(), "only the lease of \"go\" (30s default) is left to end");
    }

    @Test
    void shouldRejectADuplicateIdWithinTheRetentionAndForgetItAfter() {
        var a = AccountAdmission.inMemory("acct", policy().limit(rolling(100, Duration.ofSeconds(1))).build(),
                AdmissionSettings.defaults().withLookahead(0).withDedupRetention(60_000));
        assertInstanceOf(Permitted.class, only(a.offer(intent("x").build(), T0)));
        var r = assertInstanceOf(Rejected.class, only(a.offer(intent("x").build(), T0 + 59_999)));
        assertEquals(RejectReason.DUPLICATE, r.reason());
        a.release(T0 + 60_000);
        assertInstanceOf(Permitted.class, only(a.offer(intent("x").build(), T0 + 60_000)));
    }

    /**
     * A copy of a waiting intent that comes after the dedup retention must not replace it in the queue: found by
     * HB's differential run, where the queue then held one id twice and a drain refusing it looped for ever.
     */
    @Test
    void shouldRejectACopyOfAnIntentStillWaitingAfterTheDedupRetention() {
        var a = AccountAdmission.inMemory("acct", policy().limit(rolling(1, Duration.ofMinutes(1))).build(),
                SHORT_DEDUP);
        assertInstanceOf(Permitted.class, only(a.offer(intent("go").build(), T0)));
        assertInstanceOf(Deferred.class, only(a.offer(intent("x").build(), T0)));
        assertDuplicate(a.offer(intent("x").build(), T0 + 10_000), "still waiting");
        assertEquals(1, a.queueDepth());
        var later = of(runUntil(a, T0 + 61_000), Permitted.class);
        assertEquals(1, later.size(), "the waiting copy goes once");
        assertEquals("x", later.get(0).intent().id());
    }

    @Test
    void shouldRejectACopyOfAnIntentInFlightAfterTheDedupRetention() {
        var a = AccountAdmission.inMemory("acct", policy().limit(rolling(100, Duration.ofSeconds(1))).build(),
                SHORT_DEDUP);
        assertInstanceOf(Permitted.class, only(a.offer(intent("x").build(), T0)));
        assertDuplicate(a.offer(intent("x").build(), T0 + 10_000), "in flight");
        assertEquals(1, a.state().inFlight, "the first permit's lease is still the one open");
    }

    @Test
    void shouldNotRequeueARetryWhileACopyOfItWaits() {
        var a = AccountAdmission.inMemory("acct", policy().limit(rolling(1, Duration.ofMinutes(1)))
                        .retry(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 1, 1).build(),
                SHORT_DEDUP);
        var first = assertInstanceOf(Permitted.class, only(a.offer(intent("x").build(), T0)));
        assertInstanceOf(Deferred.class, only(a.offer(intent("x").build(), T0 + 10_000)), "the window is full");
        assertDuplicate(a.outcome(FeedbackBehaviourTest.outcome(first, 503, T0 + 11_000), T0 + 11_000),
                "already waiting");
        assertEquals(1, a.queueDepth());
        var later = of(runUntil(a, T0 + 61_000), Permitted.class);
        assertEquals(List.of("x"), later.stream().map(p -> p.intent().id()).toList(), "the waiting copy goes once");
    }

    @Test
    void shouldRejectAnAccountWithoutPolicyAsUnknown() {
        var g = new Governor(new PolicyDocument(null, Map.of("known",
                policy().limit(rolling(1, Duration.ofSeconds(1))).build())));
        var r = assertInstanceOf(Rejected.class, only(g.offer(intent("u").account("nobody").build(), T0)));
        assertEquals(RejectReason.UNKNOWN_ACCOUNT, r.reason());
        assertInstanceOf(Permitted.class, only(g.offer(intent("k").account("known").build(), T0)));
    }

    @Test
    void shouldEmitADeferralOnceAndAgainOnlyWhenTheReasonChanges() {
        var a = admission(policy().limit(rolling(10, Duration.ofSeconds(1)))
                .priorities(Map.of(Priority.LOW, 0.5)), 0);
        for (int i = 0; i < 5; i++) {
            a.offer(intent("h" + i).priority(Priority.HIGH).build(), T0);
        }
        Intent low = intent("low").priority(Priority.LOW).build();
        var first = assertInstanceOf(Deferred.class, only(a.offer(low, T0)));
        assertEquals(DeferReason.PRIORITY_RESERVE, first.reason());
        assertTrue(a.release(T0 + 10).isEmpty(), "same reason: no second deferral");
        List<AdmissionDecision> ds = new ArrayList<>();
        for (int i = 5; i < 10; i++) {
            ds.addAll(a.offer(intent("h" + i).priority(Priority.HIGH).build(), T0 + 10));
        }
        ds.addAll(a.release(T0 + 20));
        ds.addAll(a.release(T0 + 30));
        // The whole window is used now: LOW waits on the rate limit itself, a new reason, announced once.
        var again = of(ds, Deferred.class);
        assertEquals(1, again.size(), () -> "deferrals: " + again);
        assertEquals("low", again.get(0).intent().id());
        assertEquals(DeferReason.RATE_LIMIT, again.get(0).reason());
    }

    @Test
    void shouldRejectACostNoWindowCanHold() {
        var a = admission(policy().limit(rolling(5, Duration.ofSeconds(1))), 0);
        var r = assertInstanceOf(Rejected.class, only(a.offer(intent("big").cost(6).build(), T0)));
        assertEquals(RejectReason.BUDGET_EXHAUSTED, r.reason());
    }

    @Test
    void shouldDeferWhilePausedAndNameThePause() {
        var a = admission(policy().limit(rolling(5, Duration.ofSeconds(1))), 0);
        a.pauseUntil(T0 + 5_000);
        var d = assertInstanceOf(Deferred.class, only(a.offer(intent("p").build(), T0)));
        assertEquals(DeferReason.PAUSED, d.reason());
        assertEquals(T0 + 5_000, d.retryAt());
        var p = assertInstanceOf(Permitted.class, only(runUntil(a, T0 + 6_000)));
        assertEquals(T0 + 5_000, p.notBefore());
    }

    @Test
    void shouldDelayByJitterWithoutBreakingTheLimit() {
        var a = AccountAdmission.inMemory("acct", policy().limit(rolling(3, Duration.ofSeconds(1)))
                        .jitter(Duration.ofMillis(100)).build(),
                AdmissionSettings.defaults().withLookahead(0).withRandom(new java.util.SplittableRandom(42)));
        long last = Long.MIN_VALUE;
        for (int i = 0; i < 3; i++) {
            var p = assertInstanceOf(Permitted.class, only(a.offer(intent("j" + i).build(), T0)));
            assertTrue(p.notBefore() >= T0 && p.notBefore() <= T0 + 100, "delay in [0, jitter]");
            assertTrue(p.notBefore() >= last, "notBefore never goes back");
            last = p.notBefore();
        }
    }
}
