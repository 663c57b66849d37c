package io.governor.core.admission;

import static io.governor.core.testing.TestIntent.intent;
import static io.governor.core.testing.TestPolicy.calendar;
import static io.governor.core.testing.TestPolicy.policy;
import static io.governor.core.testing.TestPolicy.rolling;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Deferred;
import io.governor.core.decision.AdmissionDecision.Permitted;
import io.governor.core.window.WindowSet;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.Pacing;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountStateCodecTest {
    private static final long T0 = 1_767_225_600_000L;

    private static AccountPolicy nswTransport() {
        return policy().limit(rolling(5, Duration.ofSeconds(1)))
                .limit(calendar(60_000, Duration.ofDays(1), "Australia/Sydney"))
                .pacing(Pacing.SMOOTH).validity(Duration.ofMillis(50)).build();
    }

    @Test
    void shouldKeepA5PerSecondAnd60kPerDayAccountUnderOneKilobyte() {
        var compiled = new AdmissionPolicy(nswTransport());
        var a = new AccountAdmission("nsw", compiled, new AccountState(compiled), AdmissionStores.inMemory(),
                AdmissionSettings.defaults());
        for (int i = 0; i < 1_000; i++) {
            a.offer(intent("i" + i).build(), T0 + i * 300L);
        }
        byte[] bytes = AccountStateCodec.toBytes(a.state());
        assertTrue(bytes.length <= 1024, "state is " + bytes.length + " bytes");
        assertTrue(bytes.length <= 200, "expected about 150 bytes, was " + bytes.length);
    }

    @Test
    void shouldRoundTripStateSoARestoredAccountDecidesExactlyAsTheOriginal() {
        var compiled = new AdmissionPolicy(policy().limit(rolling(3, Duration.ofSeconds(1)))
                .limit(rolling(500, Duration.ofMinutes(1)))
                .limit(calendar(1_000, Duration.ofHours(1), "Australia/Sydney"))
                .lanes(List.of("ip-1", "ip-2"), List.of(rolling(2, Duration.ofSeconds(1))))
                .pacing(Pacing.SMOOTH).build());
        var stores = AdmissionStores.inMemory();
        var original = new AccountAdmission("a", compiled, new AccountState(compiled), stores,
                AdmissionSettings.defaults().withLookahead(0));
        for (int i = 0; i < 50; i++) {
            original.offer(intent("o" + i).build(), T0 + i * 97L);
        }
        byte[] bytes = AccountStateCodec.toBytes(original.state());
        AccountState restoredState = AccountStateCodec.fromBytes(compiled, bytes);
        assertArrayEquals(bytes, AccountStateCodec.toBytes(restoredState), "encode(decode(x)) == x");

        var restored = new AccountAdmission("a", compiled, restoredState, stores,
                AdmissionSettings.defaults().withLookahead(0));
        // Both continue from the same state; the original's stores are shared, so compare window answers only.
        WindowSet o = original.state().accountWindows();
        WindowSet r = restored.state().accountWindows();
        for (long t = T0 + 5_000; t < T0 + 70_000; t += 333) {
            assertEquals(o.earliest(t, 1, io.governor.schemas.event.Priority.NORMAL, null),
                    r.earliest(t, 1, io.governor.schemas.event.Priority.NORMAL, null), "at " + t);
        }
        assertEquals(original.state().lastNotBefore(), restored.state().lastNotBefore());
    }

    @Test
    void shouldStartFreshFromNullBytes() {
        var compiled = new AdmissionPolicy(nswTransport());
        AccountState s = AccountStateCodec.fromBytes(compiled, null);
        assertEquals(Long.MIN_VALUE, s.lastNotBefore());
    }

    @Test
    void shouldRoundTripATenantWindowSet() {
        var compiled = new AdmissionPolicy(policy().limit(rolling(10, Duration.ofSeconds(1)))
                .tenants(List.of(rolling(2, Duration.ofSeconds(1))), true).build());
        WindowSet set = compiled.newTenantSet("acme");
        set.record(T0, T0 + 1, 1);
        set.record(T0 + 10, T0 + 11, 1);
        WindowSet back = AccountStateCodec.tenantSetFromBytes(compiled, "acme",
                AccountStateCodec.windowSetToBytes(set));
        assertEquals(T0 + 1_001, back.earliest(T0 + 20, 1, io.governor.schemas.event.Priority.NORMAL, null));
    }

    @Test
    void shouldResetA60kDayAtSydneyMidnightOnBothDstDaysThroughTheAdmission() {
        for (String day : List.of("2026-04-05", "2026-10-04")) {
            var a = AccountAdmission.inMemory("nsw", policy()
                    .limit(calendar(3, Duration.ofDays(1), "Australia/Sydney")).build(),
                    AdmissionSettings.defaults().withLookahead(0));
            long midnight = java.time.LocalDate.parse(day).atStartOfDay(java.time.ZoneId.of("Australia/Sydney"))
                    .toInstant().toEpochMilli();
            long next = java.time.LocalDate.parse(day).plusDays(1)
                    .atStartOfDay(java.time.ZoneId.of("Australia/Sydney")).toInstant().toEpochMilli();
            for (int i = 0; i < 3; i++) {
                assertInstanceOf(Permitted.class, a.offer(intent(day + i).build(), midnight + 60_000).get(0));
            }
            var d = assertInstanceOf(Deferred.class, a.offer(intent(day + "x").build(), midnight + 60_000).get(0));
            assertEquals(next, d.retryAt(), day + ": the day resets at the next local midnight");
            assertEquals("1d@Australia/Sydney", d.bindingWindow());
            assertTrue(a.release(next - 21).isEmpty());
            List<AdmissionDecision> at = a.release(next - 20); // one release tick early, permitted at midnight
            assertEquals(next, assertInstanceOf(Permitted.class, at.get(0)).notBefore());
        }
    }

    @Test
    void shouldKeepWhatOutcomesTaughtAcrossARestart() {
        var compiled = new AdmissionPolicy(policy().limit(rolling(100, Duration.ofMinutes(1)))
                .lanes(List.of("ip-1", "ip-2"), List.of(rolling(50, Duration.ofMinutes(1))))
                .adaptive(0.5, 0.1, 0.1, Duration.ofSeconds(30))
                .circuit(1, 1.0, Duration.ofMinutes(1), 100, Duration.ofMinutes(5), 1)
                .forbiddenPause(Duration.ofHours(1)).build());
        var stores = AdmissionStores.inMemory();
        var settings = AdmissionSettings.defaults().withLookahead(0);
        var a = new AccountAdmission("a", compiled, new AccountState(compiled), stores, settings);
        Permitted p1 = assertInstanceOf(Permitted.class, a.offer(intent("p1").lane("ip-1").build(), T0).get(0));
        Permitted p2 = assertInstanceOf(Permitted.class, a.offer(intent("p2").lane("ip-2").build(), T0).get(0));
        Permitted p3 = assertInstanceOf(Permitted.class, a.offer(intent("p3").build(), T0).get(0));
        a.outcome(FeedbackBehaviourTest.outcome(p1, 429, null, 60_000L,
                new io.governor.schemas.event.RateLimitInfo(20L, 10L, T0 + 30_000), T0 + 100), T0 + 100);
        a.outcome(FeedbackBehaviourTest.outcome(p2, 403, T0 + 100), T0 + 100);
        a.outcome(FeedbackBehaviourTest.outcome(p3, 503, T0 + 100), T0 + 100);
        byte[] bytes = AccountStateCodec.toBytes(a.state());
        AccountState back = AccountStateCodec.fromBytes(compiled, bytes);
        assertArrayEquals(bytes, AccountStateCodec.toBytes(back), "encode(decode(x)) == x");
        var restored = new AccountAdmission("a", compiled, back, stores, settings);
        var lane1 = restored.snapshots(T0 + 200).get(1);
        assertEquals(0.5, lane1.adaptiveFactor(), 1e-9);
        assertEquals(20, lane1.windows().get(0).effectiveMax(), "the header ceiling survives");
        assertEquals(io.governor.schemas.event.CircuitState.FORBIDDEN, restored.snapshots(T0 + 200).get(2)
                .circuit());
        assertEquals(io.governor.schemas.event.CircuitState.OPEN, restored.snapshots(T0 + 200).stream()
                .filter(q -> p3.lane().equals(q.lane())).findFirst().orElseThrow().circuit(),
                "the 503 opened the circuit of the lane it went through");
        for (long t : new long[] {T0 + 200, T0 + 40_000, T0 + 400_000}) {
            assertEquals(a.snapshots(t), restored.snapshots(t), "snapshots at +" + (t - T0));
        }
    }

    @Test
    void shouldReadAVersionOneStateWrittenBeforeTheFeedbackLoop() {
        var compiled = new AdmissionPolicy(policy().limit(rolling(3, Duration.ofSeconds(1)))
                .lanes(List.of("ip-1", "ip-2"), List.of(rolling(2, Duration.ofSeconds(1)))).build());
        var a = new AccountAdmission("a", compiled, new AccountState(compiled), AdmissionStores.inMemory(),
                AdmissionSettings.defaults().withLookahead(0));
        Permitted x = assertInstanceOf(Permitted.class, a.offer(intent("x").build(), T0).get(0));
        a.outcome(FeedbackBehaviourTest.outcome(x, 200, T0 + 10), T0 + 10); // its lease closed: feedback is fresh
        byte[] v2 = AccountStateCodec.toBytes(a.state());
        // Version 1 is version 2 without its feedback tail: ignoredOutcomes (1 byte) and one byte per fresh scope.
        byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 1 - 3);
        v1[0] = 1;
        AccountState back = AccountStateCodec.fromBytes(compiled, v1);
        assertEquals(a.state().lastNotBefore(), back.lastNotBefore());
        assertArrayEquals(v2, AccountStateCodec.toBytes(back));
    }
}
