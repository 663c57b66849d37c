package io.governor.streams.topology;

import static io.governor.streams.topology.GovernorTopologyTest.NO_RUNTIME_POLICIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LaneSpec;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.TenantSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GovernorTopologyBehaviourTest {
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    static Intent intent(String id, String account, Priority priority, String tenant) {
        return new Intent(id, account, tenant, null, priority, 1, null, null, null, null, null, null, null, null,
                START.toEpochMilli());
    }

    @Test
    void shouldDrainABacklogThroughThreeLanesWithoutBreakingAnyLaneWindow() {
        var lanes = new LaneSpec(List.of("ip-1", "ip-2", "ip-3"), List.of(
                LimitSpec.rolling(60, Duration.ofMinutes(1)), LimitSpec.rolling(1000, Duration.ofHours(1))));
        var crawl = new AccountPolicy(List.of(), 1.0, null, null, null, null, null, null, null, null, null, lanes,
                null, null, null, null, null, null);
        try (var g = new GovernorDriver(new PolicyDocument(null, Map.of("crawl", crawl)), NO_RUNTIME_POLICIES,
                START)) {
            for (int i = 0; i < 5_000; i++) {
                g.send(intent("c-" + i, "crawl", Priority.NORMAL, null));
            }
            g.advance(Duration.ofMinutes(110), Duration.ofMillis(200));

            assertEquals(5_000, g.permitted.size());
            assertEquals(5_000, g.permitted.stream().map(Permit::intentId).distinct().count());
            Map<String, List<Permit>> byLane = g.permitted.stream().collect(Collectors.groupingBy(Permit::lane));
            assertEquals(3, byLane.size(), "every lane is used");
            for (var lane : byLane.values()) {
                assertTrue(WindowOracle.maxInAnyRollingWindow(lane, 60_000) <= 60);
                assertTrue(WindowOracle.maxInAnyRollingWindow(lane, 3_600_000) <= 1000);
            }
            long last = g.permitted.stream().mapToLong(Permit::notBefore).max().orElseThrow();
            double drainMinutes = (last - START.toEpochMilli()) / 60_000.0;
            // The truth allows 3 × 1000 per hour: 5000 need 100 minutes at best.
            assertTrue(drainMinutes <= 100 * 1.02, "drained in " + drainMinutes + " min");
        }
    }

    @Test
    void shouldKeepHighFlowingWhileLowWaitsBehindItsReserve() {
        var api = new AccountPolicy(List.of(LimitSpec.rolling(10, Duration.ofSeconds(1))), 1.0, null, null, null,
                null, null, null, Map.of(Priority.LOW, 0.5), null, null, null, null, null, null, null, null, null);
        try (var g = new GovernorDriver(new PolicyDocument(null, Map.of("api", api)), NO_RUNTIME_POLICIES, START)) {
            for (int i = 0; i < 200; i++) {
                g.send(intent("low-" + i, "api", Priority.LOW, null));
            }
            for (int s = 0; s < 20; s++) {
                g.send(intent("high-" + s, "api", Priority.HIGH, null));
                g.advance(Duration.ofMillis(1000), Duration.ofMillis(20));
            }
            List<Permit> high = g.permitted.stream().filter(p -> p.priority() == Priority.HIGH).toList();
            List<Permit> low = g.permitted.stream().filter(p -> p.priority() == Priority.LOW).toList();
            assertEquals(20, high.size(), "every HIGH intent is permitted while 200 LOW wait");
            high.forEach(p -> assertTrue(p.waitedMs() < 500, "HIGH waited " + p.waitedMs() + " ms"));
            assertTrue(WindowOracle.maxInAnyRollingWindow(low, 1_000) <= 5, "LOW keeps to its half of the window");
            assertTrue(WindowOracle.maxInAnyRollingWindow(g.permitted, 1_000) <= 10);
            // LOW may fill each window only up to half, HIGH's permits included: (5 − 1) per 1.05 s over 20 s.
            assertTrue(low.size() >= 70, "LOW still uses what the reserve leaves it: " + low.size());
        }
    }

    @Test
    void shouldGiveAWaitingTenantItsFairTurnBesideAHugeBacklog() {
        var tenants = new TenantSpec(List.of(), true, Map.of());
        var shared = new AccountPolicy(List.of(LimitSpec.rolling(10, Duration.ofSeconds(1))), 1.0, null, null, null,
                null, null, null, null, tenants, null, null, null, null, null, null, null, null);
        try (var g = new GovernorDriver(new PolicyDocument(null, Map.of("shared", shared)), NO_RUNTIME_POLICIES,
                START)) {
            for (int i = 0; i < 2_000; i++) {
                g.send(intent("a-" + i, "shared", Priority.NORMAL, "big"));
            }
            g.advance(Duration.ofSeconds(5), Duration.ofMillis(20));
            g.send(intent("b-0", "shared", Priority.NORMAL, "small"));
            g.advance(Duration.ofSeconds(2), Duration.ofMillis(20));
            Permit b = g.permitted.stream().filter(p -> p.intentId().equals("b-0")).findFirst().orElseThrow();
            // Two tenants share 10/s: the newcomer's turn comes within two emission intervals, not after 1950 others.
            assertTrue(b.waitedMs() <= 300, "small tenant waited " + b.waitedMs() + " ms");
        }
    }
}
