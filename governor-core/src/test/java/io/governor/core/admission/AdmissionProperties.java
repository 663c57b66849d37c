package io.governor.core.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Permitted;
import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.testing.LimitOracle;
import io.governor.core.testing.LimitOracle.Span;
import io.governor.core.testing.TestIntent;
import io.governor.core.testing.TestPolicy;
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
        var a = AccountAdmission.inMemory("acct", s.policy(),
                AdmissionSettings.defaults().withLookahead(s.lookahead()));
        List<AdmissionDecision> all = new ArrayList<>();
        long now = s.start();
        int n = 0;
        for (Arrival arr : s.arrivals()) {
            now += arr.gapMs();
            while (a.nextWakeAt() <= now) {
                long at = Math.max(a.nextWakeAt(), a.state().lastNow);
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
            now = Math.max(now, a.nextWakeAt());
            all.addAll(a.release(now));
            checkHeadHeldBackOnlyByLimits(s, a, all, now, checkWorkConservation);
        }
        assertEquals(0, a.queueDepth(), "the run must drain");
        return all;
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
        List<AdmissionDecision> all = run(s, false);
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
}
