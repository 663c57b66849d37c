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
            assertTrue(a.release(next - 1).isEmpty());
            List<AdmissionDecision> at = a.release(next);
            assertEquals(next, assertInstanceOf(Permitted.class, at.get(0)).notBefore());
        }
    }
}
