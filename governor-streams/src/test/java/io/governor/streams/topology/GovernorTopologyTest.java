package io.governor.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.RejectionReason;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.PolicyDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GovernorTopologyTest {
    static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    static final AccountPolicyParser NO_RUNTIME_POLICIES = (account, json, defaults) -> {
        throw new IllegalArgumentException("not in this test");
    };

    static AccountPolicy policy(List<LimitSpec> limits) {
        return new AccountPolicy(limits, 1.0, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    static PolicyDocument document(String account, AccountPolicy policy) {
        return new PolicyDocument(null, Map.of(account, policy));
    }

    @Test
    void shouldReleaseAtSydneyMidnightAndNeverExceedEitherWindow() {
        // 13:00Z is local midnight in Sydney in January (UTC+11).
        Instant start = Instant.parse("2026-01-05T12:58:30Z");
        var nsw = policy(List.of(LimitSpec.rolling(5, Duration.ofSeconds(1)),
                LimitSpec.calendar(300, Duration.ofDays(1), SYDNEY)));
        try (var g = new GovernorDriver(document("nsw", nsw), NO_RUNTIME_POLICIES, start)) {
            for (int i = 0; i < 400; i++) {
                g.send(Intent.of("i-" + i, "nsw"));
            }
            g.advance(Duration.ofMinutes(3), Duration.ofMillis(20));

            assertEquals(400, g.permitted.size(), "every intent is permitted once the new day starts");
            assertEquals(400, g.permitted.stream().map(Permit::intentId).distinct().count());
            long midnight = Instant.parse("2026-01-05T13:00:00Z").toEpochMilli();
            List<Permit> before = g.permitted.stream().filter(p -> p.notBefore() < midnight).toList();
            assertEquals(300, before.size(), "the whole daily budget is used before midnight");
            assertTrue(g.permitted.stream().filter(p -> p.notBefore() >= midnight).findFirst().orElseThrow()
                    .notBefore() < midnight + 1_000, "released within a second of local midnight");
            assertTrue(WindowOracle.maxInAnyRollingWindow(g.permitted, 1_000) <= 5);
            WindowOracle.perCalendarDay(g.permitted, SYDNEY).values().forEach(n -> assertTrue(n <= 300));
            assertTrue(g.deferred.stream().map(d -> d.intentId()).distinct().count() >= 100,
                    "at least the 100 that waited for the new day were told so");
        }
    }

    @Test
    void shouldSpendTheWhole60kSydneyDayThenResumeAtLocalMidnight() {
        // 5/s + 60,000 per Sydney day, polled from 19:00 local with a deeper backlog than the day allows.
        Instant start = Instant.parse("2026-01-05T08:00:00Z");
        long midnight = Instant.parse("2026-01-05T13:00:00Z").toEpochMilli();
        var nsw = policy(List.of(LimitSpec.rolling(5, Duration.ofSeconds(1)),
                LimitSpec.calendar(60_000, Duration.ofDays(1), SYDNEY)));
        try (var g = new GovernorDriver(document("nsw", nsw), NO_RUNTIME_POLICIES, start)) {
            for (int i = 0; i < 60_500; i++) {
                g.send(Intent.of("p-" + i, "nsw"));
            }
            g.advance(Duration.ofHours(5).plusMinutes(3), Duration.ofMillis(250));

            assertEquals(60_500, g.permitted.size());
            assertEquals(60_000, g.permitted.stream().filter(p -> p.notBefore() < midnight).count(),
                    "the day's budget is used to the last call");
            long firstAfter = g.permitted.stream().mapToLong(Permit::notBefore).filter(t -> t >= midnight)
                    .min().orElseThrow();
            assertTrue(firstAfter < midnight + 1_000, "resumed " + (firstAfter - midnight) + " ms after midnight");
            WindowOracle.perCalendarDay(g.permitted, SYDNEY).values().forEach(n -> assertTrue(n <= 60_000));
            List<Permit> aroundMidnight = g.permitted.stream()
                    .filter(p -> Math.abs(p.notBefore() - midnight) < 60_000).toList();
            assertTrue(WindowOracle.maxInAnyRollingWindow(aroundMidnight, 1_000) <= 5);
        }
    }

    @Test
    void shouldRekeyIntentsKeyedByAnythingButTheirAccount() {
        var acct = policy(List.of(LimitSpec.rolling(10, Duration.ofSeconds(1))));
        try (var g = new GovernorDriver(document("a", acct), NO_RUNTIME_POLICIES, Instant.EPOCH)) {
            g.sendKeyed("some-user-key", Intent.of("x", "a"));
            g.sendKeyed(null, Intent.of("y", "a"));
            g.advance(Duration.ofSeconds(1), Duration.ofMillis(20));
            assertEquals(Set.of("x", "y"), ids(g.permitted));
        }
    }

    @Test
    void shouldSendAPermitToTheIntentsReplyToTopic() {
        var acct = policy(List.of(LimitSpec.rolling(10, Duration.ofSeconds(1))));
        try (var g = new GovernorDriver(document("a", acct), NO_RUNTIME_POLICIES, Instant.EPOCH)) {
            Intent i = new Intent("r", "a", null, null, null, 1, null, null, null, null, null, "my.replies",
                    null, null, null);
            g.send(i);
            g.collect();
            assertTrue(g.permitted.isEmpty());
            assertEquals(List.of("r"), g.readPermits("my.replies").stream().map(Permit::intentId).toList());
        }
    }

    @Test
    void shouldRejectAnUnknownAccountAndADuplicateId() {
        var acct = policy(List.of(LimitSpec.rolling(10, Duration.ofSeconds(1))));
        try (var g = new GovernorDriver(document("a", acct), NO_RUNTIME_POLICIES, Instant.EPOCH)) {
            g.send(Intent.of("u", "nobody"));
            g.send(Intent.of("d", "a"));
            g.send(Intent.of("d", "a"));
            g.collect();
            assertEquals(List.of(RejectionReason.UNKNOWN_ACCOUNT, RejectionReason.DUPLICATE),
                    g.rejected.stream().map(r -> r.reason()).toList());
            assertEquals(Set.of("d"), ids(g.permitted));
        }
    }

    @Test
    void shouldDeadLetterMalformedIntentsAndGoOn() {
        var acct = policy(List.of(LimitSpec.rolling(10, Duration.ofSeconds(1))));
        try (var g = new GovernorDriver(document("a", acct), NO_RUNTIME_POLICIES, Instant.EPOCH)) {
            g.sendRaw("a", "{not json".getBytes(StandardCharsets.UTF_8));
            g.sendRaw("a", "{\"account\":\"a\"}".getBytes(StandardCharsets.UTF_8));
            g.sendRaw("a", "{\"id\":\"c\",\"account\":\"a\",\"cost\":\"lots\"}".getBytes(StandardCharsets.UTF_8));
            g.sendRaw("a", new byte[] {(byte) 0xC3, (byte) 0x28});
            g.sendRaw("a", null);
            g.sendRaw("a", "{\"id\":\"r\",\"account\":\"a\",\"replyTo\":\"bad topic!\"}".getBytes(StandardCharsets.UTF_8));
            g.send(Intent.of("ok", "a"));
            g.collect();
            assertEquals(List.of("MALFORMED_JSON", "MISSING_FIELD", "WRONG_TYPE", "NOT_UTF8", "EMPTY", "INVALID_VALUE"),
                    g.dead.stream().map(d -> d.reason()).toList());
            assertEquals("id", g.dead.get(1).field());
            assertEquals("cost", g.dead.get(2).field());
            assertEquals("replyTo", g.dead.get(5).field());
            assertEquals(Set.of("ok"), ids(g.permitted), "processing goes on after bad records");
        }
    }

    static Set<String> ids(List<Permit> permits) {
        Set<String> out = new HashSet<>();
        permits.forEach(p -> out.add(p.intentId()));
        return out;
    }
}
