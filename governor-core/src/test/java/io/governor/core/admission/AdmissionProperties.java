package io.governor.core.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Deferred;
import io.governor.core.decision.AdmissionDecision.Permitted;
import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.testing.LimitOracle;
import io.governor.core.testing.LimitOracle.Span;
import io.governor.core.testing.TestIntent;
import io.governor.core.testing.TestPolicy;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.Pacing;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random policies, arrivals and clock advances against the brute-force {@link LimitOracle}: (a) no limit is
 * ever exceeded, (b) every intent ends exactly once, permitted or rejected, (c) a waiting head is never held
 * back when a permit at the lookahead point would keep every limit.
 */
class AdmissionProperties {

    record Arrival(long gapMs, Priority priority, int cost, String tenant, Long notBeforeIn, Long deadlineIn,
                   String lane) {
    }

    record Scenario(AccountPolicy policy, long lookahead, long start, List<Arrival> arrivals) {
    }

    /** Instants next to Sydney DST changes, local midnights and the top of the hour. */
    private static final List<Long> STARTS = List.of(
            OffsetDateTime.parse("2026-04-05T02:59:30+11:00").toInstant().toEpochMilli(),
            OffsetDateTime.parse("2026-04-05T23:59:40+10:00").toInstant().toEpochMilli(),
            OffsetDateTime.parse("2026-10-04T01:59:30+10:00").toInstant().toEpochMilli(),
            OffsetDateTime.parse("2026-10-04T23:59:40+11:00").toInstant().toEpochMilli(),
            OffsetDateTime.parse("2026-01-05T10:59:50Z").toInstant().toEpochMilli());

    private static Arbitrary<LimitSpec> limit(boolean exactOnly) {
        Arbitrary<Long> max = exactOnly ? Arbitraries.longs().between(1, 20)
                : Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(1, 20)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(129, 400)));
        Arbitrary<LimitSpec> rolling = Combinators.combine(max,
                Arbitraries.of(50L, 100L, 250L, 1_000L, 3_000L, 10_000L))
                .as((m, per) -> LimitSpec.rolling(m, Duration.ofMillis(per)));
        Arbitrary<LimitSpec> calendar = Combinators.combine(Arbitraries.longs().between(1, 30),
                Arbitraries.of(Duration.ofHours(1), Duration.ofDays(1)),
                Arbitraries.of("UTC", "Australia/Sydney", "America/Sao_Paulo"))
                .as((m, per, zone) -> LimitSpec.calendar(m, per, ZoneId.of(zone)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, rolling), net.jqwik.api.Tuple.of(1, calendar));
    }

    private static Arbitrary<AccountPolicy> policies(boolean workConserving) {
        return Combinators.combine(
                limit(workConserving).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(1.0, 0.9, 0.75),
                workConserving ? Arbitraries.just(Pacing.BURST) : Arbitraries.of(Pacing.values()),
                Arbitraries.longs().between(1, 40),
                workConserving ? Arbitraries.just(10_000) : Arbitraries.of(3, 10_000),
                workConserving ? Arbitraries.just(false) : Arbitraries.of(true, false),
                workConserving ? Arbitraries.just(false) : Arbitraries.of(true, false),
                workConserving ? Arbitraries.just(0L) : Arbitraries.of(0L, 30L))
                .as((limits, safety, pacing, validity, queueMax, reserve, tenants, jitter) -> {
                    TestPolicy p = TestPolicy.policy().limits(limits).safety(safety).pacing(pacing)
                            .validity(Duration.ofMillis(validity)).queueMax(queueMax)
                            .jitter(Duration.ofMillis(jitter));
                    if (reserve) {
                        p.priorities(Map.of(Priority.LOW, 0.5, Priority.NORMAL, 0.8));
                    }
                    if (tenants) {
                        p.tenants(List.of(LimitSpec.rolling(2, Duration.ofMillis(500))), true);
                    }
                    return p.build();
                });
    }

    private static Arbitrary<Arrival> arrivals(boolean workConserving) {
        Arbitrary<Long> nb = Arbitraries.longs().between(0, 2_000).injectNull(workConserving ? 1.0 : 0.7);
        Arbitrary<Long> dl = Arbitraries.longs().between(50, 20_000).injectNull(workConserving ? 1.0 : 0.5);
        return Combinators.combine(Arbitraries.longs().between(0, 400),
                workConserving ? Arbitraries.just(Priority.NORMAL) : Arbitraries.of(Priority.values()),
                workConserving ? Arbitraries.just(1) : Arbitraries.integers().between(1, 2),
                Arbitraries.of("a", "b", "c").injectNull(0.3), nb, dl,
                Arbitraries.of("l1", "l2").injectNull(workConserving ? 1.0 : 0.8))
                .as(Arrival::new);
    }

    /** Half of the random policies also get two lanes with their own limit. */
    private static Arbitrary<AccountPolicy> withLanes(Arbitrary<AccountPolicy> policies) {
        return Combinators.combine(policies, Arbitraries.of(true, false)).as((p, lanes) -> !lanes ? p
                : new AccountPolicy(p.limits(), p.safety(), p.pacing(), p.jitter(), p.concurrency(), p.lease(),
                        p.validity(), p.queue(), p.priorities(), p.tenants(), p.job(),
                        new io.governor.schemas.policy.LaneSpec(List.of("l1", "l2"),
                                List.of(LimitSpec.rolling(3, Duration.ofMillis(400)))),
                        p.adaptive(), p.retry(), p.circuit(), p.forbidden(), p.alerts(), p.executor()));
    }

    @Provide
    Arbitrary<Scenario> anyScenario() {
        return Combinators.combine(withLanes(policies(false)), Arbitraries.of(0L, 100L, 250L), Arbitraries.of(STARTS),
                arrivals(false).list().ofMinSize(1).ofMaxSize(60)).as(Scenario::new);
    }

    @Provide
    Arbitrary<Scenario> plainScenario() {
        return Combinators.combine(policies(true), Arbitraries.of(0L, 100L, 250L), Arbitraries.of(STARTS),
                arrivals(true).list().ofMinSize(1).ofMaxSize(60)).as(Scenario::new);
    }

    /** Drives a scenario as a host would; checks (c) after every call when {@code checkWorkConservation}. */
    private static List<AdmissionDecision> run(Scenario s, boolean checkWorkConservation) {
        return run(s, checkWorkConservation, 0, AdmissionSettings.DEFAULT_RELEASE_TICK_MS);
    }

    /**
     * As {@link #run(Scenario, boolean)}, the host releasing at its wake-ups exactly ({@code hostTick} 0) or at the
     * first tick of a {@code hostTick} grid after them; every permit must keep the lookahead and notBefore must
     * never decrease.
     */
    private static List<AdmissionDecision> run(Scenario s, boolean checkWorkConservation, long hostTick,
                                               long releaseTick) {
        var a = AccountAdmission.inMemory("acct", s.policy(),
                AdmissionSettings.defaults().withLookahead(s.lookahead()).withReleaseTick(releaseTick));
        List<AdmissionDecision> all = new ArrayList<>() {
            @Override
            public boolean addAll(java.util.Collection<? extends AdmissionDecision> ds) {
                long at = a.state().lastNow;
                for (AdmissionDecision d : ds) {
                    if (d instanceof Permitted p) {
                        assertTrue(p.notBefore() >= at + s.lookahead(), "permitted at " + at + " for "
                                + p.notBefore() + ": less than the lookahead " + s.lookahead() + " ahead");
                        assertTrue(p.notBefore() >= lastNotBefore, "notBefore went back to " + p.notBefore());
                        lastNotBefore = p.notBefore();
                    }
                }
                return super.addAll(ds);
            }

            private long lastNotBefore = Long.MIN_VALUE;
        };
        long now = s.start();
        int n = 0;
        for (Arrival arr : s.arrivals()) {
            now += arr.gapMs();
            while (a.nextWakeAt() <= now) {
                long at = onGrid(s, hostTick, Math.max(a.nextWakeAt(), a.state().lastNow));
                if (at > now) {
                    break;
                }
                all.addAll(a.release(at));
                checkHeadHeldBackOnlyByLimits(s, a, all, at, checkWorkConservation);
            }
            var b = TestIntent.intent("i" + n++).priority(arr.priority()).cost(arr.cost()).tenant(arr.tenant())
                    .lane(arr.lane());
            if (arr.notBeforeIn() != null) {
                b.notBefore(now + arr.notBeforeIn());
            }
            if (arr.deadlineIn() != null) {
                b.deadline(now + arr.deadlineIn());
            }
            all.addAll(a.offer(b.build(), now));
            checkHeadHeldBackOnlyByLimits(s, a, all, now, checkWorkConservation);
        }
        for (int i = 0; i < 20_000 && a.queueDepth() > 0; i++) {
            now = Math.max(now, onGrid(s, hostTick, a.nextWakeAt()));
            all.addAll(a.release(now));
            checkHeadHeldBackOnlyByLimits(s, a, all, now, checkWorkConservation);
        }
        assertEquals(0, a.queueDepth(), "the run must drain");
        return all;
    }

    /** The first tick of the host's grid (from the scenario's start) at or after {@code t}; t itself for 0. */
    private static long onGrid(Scenario s, long hostTick, long t) {
        if (hostTick == 0 || t == Long.MAX_VALUE) {
            return t;
        }
        return s.start() + Math.max(0, Math.floorDiv(t - s.start() + hostTick - 1, hostTick)) * hostTick;
    }

    private static List<Span> spans(List<AdmissionDecision> ds, String tenant) {
        return spans(ds, tenant, null);
    }

    private static List<Span> spans(List<AdmissionDecision> ds, String tenant, String lane) {
        List<Span> out = new ArrayList<>();
        for (AdmissionDecision d : ds) {
            if (d instanceof Permitted p && (tenant == null || tenant.equals(p.intent().tenant()))
                    && (lane == null || lane.equals(p.lane()))) {
                out.add(new Span(p.notBefore(), p.validUntil(), p.intent().cost()));
            }
        }
        return out;
    }

    private static void checkHeadHeldBackOnlyByLimits(Scenario s, AccountAdmission a, List<AdmissionDecision> all,
                                                      long now, boolean enabled) {
        if (!enabled || a.queueDepth() == 0) {
            return;
        }
        long nb = Math.max(now + s.lookahead(), a.state().lastNotBefore());
        Span next = new Span(nb, nb + s.policy().validity().toMillis(), 1);
        List<Span> spans = spans(all, null);
        boolean blocked = false;
        for (LimitSpec l : s.policy().limits()) {
            blocked |= LimitOracle.wouldViolate(l, s.policy().allowed(l), spans, next);
        }
        assertTrue(blocked, "a head waits at " + now + " though a permit at " + nb + " keeps every limit");
    }

    @Property(tries = 300)
    void shouldNeverExceedALimitAndDecideEveryIntentExactlyOnce(@ForAll("anyScenario") Scenario s) {
        assertLimitsKeptAndEveryIntentDecidedOnce(s, run(s, false));
    }

    /** Permits at exact times between a host's ticks keep every limit, whatever the host's tick and ours. */
    @Property(tries = 300)
    void shouldKeepEveryLimitWhenTheHostReleasesOnATickGrid(@ForAll("anyScenario") Scenario s,
            @ForAll("hostTicks") long hostTick, @ForAll("hostTicks") long releaseTick) {
        assertLimitsKeptAndEveryIntentDecidedOnce(s, run(s, false, hostTick, releaseTick));
    }

    @Provide
    Arbitrary<Long> hostTicks() {
        return Arbitraries.of(0L, 1L, 7L, 20L, 50L, 250L);
    }

    private static void assertLimitsKeptAndEveryIntentDecidedOnce(Scenario s, List<AdmissionDecision> all) {
        for (LimitSpec l : s.policy().limits()) {
            assertNull(LimitOracle.violation(l, s.policy().allowed(l), spans(all, null)));
        }
        if (s.policy().tenants() != null) {
            for (String t : List.of("a", "b", "c")) {
                for (LimitSpec l : s.policy().tenants().limits()) {
                    assertNull(LimitOracle.violation(l, s.policy().allowed(l), spans(all, t)), "tenant " + t);
                }
            }
        }
        if (s.policy().lanes() != null) {
            for (String lane : s.policy().lanes().members()) {
                for (LimitSpec l : s.policy().lanes().limits()) {
                    assertNull(LimitOracle.violation(l, s.policy().allowed(l), spans(all, null, lane)), lane);
                }
            }
        }
        Map<String, Integer> finals = new HashMap<>();
        for (AdmissionDecision d : all) {
            if (d instanceof Permitted || d instanceof Rejected) {
                finals.merge(d.intent().id(), 1, Integer::sum);
            }
        }
        for (int i = 0; i < s.arrivals().size(); i++) {
            assertEquals(1, finals.getOrDefault("i" + i, 0), "intent i" + i + " must end exactly once");
        }
        assertEquals(s.arrivals().size(), finals.size());
    }

    @Property(tries = 300)
    void shouldNeverHoldBackAHeadThatTheLimitsWouldAdmit(@ForAll("plainScenario") Scenario s) {
        List<AdmissionDecision> all = run(s, true);
        for (LimitSpec l : s.policy().limits()) {
            assertNull(LimitOracle.violation(l, s.policy().allowed(l), spans(all, null)));
        }
    }

    /** What the fake upstream answers to one call. */
    enum Answer { OK, TOO_MANY, SERVER_ERROR, TIMEOUT, NONE }

    record FedBack(Scenario scenario, List<Answer> answers, long latency) {
    }

    @Provide
    Arbitrary<FedBack> fedBackScenario() {
        return Combinators.combine(anyScenario(), Arbitraries.of(Answer.values()).list().ofMinSize(1).ofMaxSize(30),
                Arbitraries.longs().between(1, 300)).as(FedBack::new);
    }

    /** The scenario's policy with retries, AIMD, a circuit and short leases, so every rule takes part. */
    private static AccountPolicy withFeedback(AccountPolicy p) {
        return new AccountPolicy(p.limits(), p.safety(), p.pacing(), p.jitter(), 3, java.time.Duration.ofSeconds(2),
                p.validity(), p.queue(), p.priorities(), p.tenants(), p.job(), p.lanes(),
                new io.governor.schemas.policy.AdaptiveSpec(0.5, 0.2, 0.1, Duration.ofSeconds(1)),
                new io.governor.schemas.policy.RetrySpec(3, Duration.ofMillis(100), 2, Duration.ofSeconds(1), 0.9,
                        1.6),
                new io.governor.schemas.policy.CircuitSpec(4, 0.6, Duration.ofSeconds(5), 6, Duration.ofSeconds(1),
                        1),
                null, p.alerts(), p.executor());
    }

    private record Due(long at, Outcome outcome) {
    }

    @Property(tries = 200)
    void shouldKeepLimitsAndEndEveryIntentOnceWithOutcomesFedBack(@ForAll("fedBackScenario") FedBack f) {
        Scenario s = f.scenario();
        AccountPolicy policy = withFeedback(s.policy());
        var a = AccountAdmission.inMemory("acct", policy, AdmissionSettings.defaults().withLookahead(s.lookahead()));
        var due = new PriorityQueue<Due>((x, y) -> Long.compare(x.at(), y.at()));
        List<AdmissionDecision> all = new ArrayList<>();
        Map<String, Integer> nonFinal = new HashMap<>();
        int[] calls = {0};
        var random = new SplittableRandom(f.answers().size());
        java.util.function.BiConsumer<List<AdmissionDecision>, Long> take = (ds, now) -> {
            all.addAll(ds);
            for (AdmissionDecision d : ds) {
                if (d instanceof Permitted p) {
                    Answer ans = f.answers().get(calls[0]++ % f.answers().size());
                    long at = p.notBefore() + f.latency() + random.nextInt(5);
                    Outcome o = switch (ans) {
                        case OK -> new Outcome(p.intent().id(), "acct", p.lane(), p.attempt(), 200, null, 1, null,
                                null, p.notBefore(), at, null);
                        case TOO_MANY -> new Outcome(p.intent().id(), "acct", p.lane(), p.attempt(), 429, null, 1,
                                random.nextBoolean() ? 300L : null, null, p.notBefore(), at, null);
                        case SERVER_ERROR -> new Outcome(p.intent().id(), "acct", p.lane(), p.attempt(), 503, null,
                                1, null, null, p.notBefore(), at, null);
                        case TIMEOUT -> new Outcome(p.intent().id(), "acct", p.lane(), p.attempt(), 0,
                                OutcomeError.TIMEOUT, 1, null, null, p.notBefore(), at, null);
                        case NONE -> null;
                    };
                    if (o != null) {
                        due.add(new Due(at, o));
                    }
                }
            }
        };
        long now = s.start();
        int n = 0;
        for (Arrival arr : s.arrivals()) {
            now += arr.gapMs();
            now = feed(a, due, take, nonFinal, now);
            var b = TestIntent.intent("i" + n++).priority(arr.priority()).cost(arr.cost()).tenant(arr.tenant())
                    .lane(arr.lane());
            if (arr.deadlineIn() != null) {
                b.deadline(now + arr.deadlineIn());
            }
            take.accept(a.offer(b.build(), now), now);
        }
        for (int i = 0; i < 50_000 && (a.queueDepth() > 0 || !due.isEmpty()); i++) {
            long next = Math.min(a.nextWakeAt(), due.isEmpty() ? Long.MAX_VALUE : due.peek().at());
            assertTrue(next < Long.MAX_VALUE, "intents wait but nothing would wake the account: "
                    + all.subList(Math.max(0, all.size() - 4), all.size()) + " room " + a.queueDepth()
                    + " inFlight " + a.state().inFlight() + " paused " + a.state().accountWindows().pausedUntil());
            now = feed(a, due, take, nonFinal, Math.max(now, next));
        }
        assertEquals(0, a.queueDepth(), "the run must drain");
        for (LimitSpec l : policy.limits()) {
            assertNull(LimitOracle.violation(l, policy.allowed(l), spans(all, null)));
        }
        if (policy.lanes() != null) {
            for (String lane : policy.lanes().members()) {
                for (LimitSpec l : policy.lanes().limits()) {
                    assertNull(LimitOracle.violation(l, policy.allowed(l), spans(all, null, lane)), lane);
                }
            }
        }
        Map<String, Integer> finals = new HashMap<>();
        Map<String, Integer> nextAttempt = new HashMap<>();
        for (AdmissionDecision d : all) {
            if (d instanceof Permitted p) {
                assertEquals(nextAttempt.getOrDefault(p.intent().id(), 0), p.attempt(), "attempts go 0, 1, 2");
                nextAttempt.put(p.intent().id(), p.attempt() + 1);
                assertTrue(p.attempt() < 3, "never more than retry.maxAttempts");
            }
            if (d instanceof Permitted || d instanceof Rejected) {
                finals.merge(d.intent().id(), 1, Integer::sum);
            }
        }
        nonFinal.forEach((id, k) -> finals.merge(id, -k, Integer::sum));
        for (int i = 0; i < s.arrivals().size(); i++) {
            assertEquals(1, finals.getOrDefault("i" + i, 0), "intent i" + i + " must end exactly once");
        }
    }

    /**
     * Feeds every outcome due by {@code now} (and releases at wake-ups on the way); a permit whose outcome led to
     * a retry or a rejection is counted non-final.
     */
    private static long feed(AccountAdmission a, PriorityQueue<Due> due,
                             java.util.function.BiConsumer<List<AdmissionDecision>, Long> take,
                             Map<String, Integer> nonFinal, long now) {
        while (true) {
            long wake = Math.max(a.nextWakeAt(), a.state().lastNow);
            long out = due.isEmpty() ? Long.MAX_VALUE : due.peek().at();
            long t = Math.min(wake, out);
            if (t > now) {
                return now;
            }
            if (out <= wake) {
                Outcome o = due.poll().outcome();
                List<AdmissionDecision> ds = a.outcome(o, Math.max(t, a.state().lastNow));
                for (AdmissionDecision d : ds) {
                    if (d.intent().id().equals(o.intentId())
                            && ((d instanceof Deferred x && x.reason() == io.governor.core.decision.DeferReason.NOT_YET)
                            || d instanceof Rejected)) {
                        nonFinal.merge(o.intentId(), 1, Integer::sum);
                        break;
                    }
                }
                take.accept(ds, t);
            } else {
                take.accept(a.release(t), t);
            }
        }
    }
}
