package io.governor.streams.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.DeferReason;
import io.governor.core.decision.RejectReason;
import io.governor.schemas.event.Alert;
import io.governor.schemas.event.AlertKind;
import io.governor.schemas.event.CircuitState;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.OutcomeError;
import io.governor.schemas.event.Priority;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.event.QuotaSnapshot.WindowUsage;
import io.governor.schemas.policy.AlertSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaObserverTest {
    private static final AlertSpec ALERTS = new AlertSpec(List.of(0.8, 0.95, 1.0), 0.05, 0.10);

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final QuotaObserver observer = new QuotaObserver(new GovernorMeters(registry));
    private int ids;

    @Test
    void shouldFillCountsSinceTheLastSnapshotAndStartAgain() {
        permit("api", null, 10);
        permit("api", null, 30);
        observer.decided("api", new AdmissionDecision.Deferred(intent("api"), DeferReason.RATE_LIMIT, "1s", 5, 1));
        observer.decided("api", new AdmissionDecision.Rejected(intent("api"), RejectReason.EXPIRED, "late"));
        observer.outcome(outcome("api", null, 200, null));
        observer.outcome(outcome("api", null, 429, null));
        observer.outcome(outcome("api", null, 503, null));
        observer.outcome(outcome("api", null, 0, OutcomeError.TIMEOUT));
        observer.outcome(outcome("api", null, 403, null));

        QuotaSnapshot first = observer.complete("api", List.of(core("api", null, 0)), ALERTS).snapshots().get(0);
        assertEquals(new QuotaSnapshot.Counts(2, 1, 1, 1, 1, 1, 1, 1), first.counts());
        assertEquals(new QuotaSnapshot.WaitPercentiles(10, 30), first.waitMs());

        QuotaSnapshot second = observer.complete("api", List.of(core("api", null, 0)), ALERTS).snapshots().get(0);
        assertEquals(QuotaSnapshot.Counts.ZERO, second.counts());
        assertNull(second.waitMs(), "no permit since the previous snapshot");
    }

    @Test
    void shouldCountALaneInItsOwnSnapshotAndInTheAccounts() {
        permit("crawl", "ip-1", 5);
        permit("crawl", "ip-2", 7);
        observer.outcome(outcome("crawl", "ip-2", 429, null));

        var published = observer.complete("crawl",
                List.of(core("crawl", null, 0), core("crawl", "ip-1", 0), core("crawl", "ip-2", 0)), null);
        var s = published.snapshots();
        assertEquals(2, s.get(0).counts().permitted());
        assertEquals(1, s.get(0).counts().rateLimited());
        assertEquals(1, s.get(1).counts().permitted());
        assertEquals(0, s.get(1).counts().rateLimited());
        assertEquals(1, s.get(2).counts().permitted());
        assertEquals(1, s.get(2).counts().rateLimited());
        assertEquals(new QuotaSnapshot.WaitPercentiles(7, 7), s.get(2).waitMs());
        assertTrue(published.alerts().isEmpty(), "no alert spec, no alerts");
    }

    @Test
    void shouldAlertEachQuotaThresholdOncePerCrossing() {
        assertEquals(List.of(), quotaAlerts(70));
        List<Alert> at85 = quotaAlerts(85);
        assertEquals(1, at85.size());
        assertEquals(AlertKind.QUOTA_THRESHOLD, at85.get(0).kind());
        assertEquals(0.8, at85.get(0).threshold());
        assertEquals(0.85, at85.get(0).value(), 1e-9);
        assertEquals(List.of(), quotaAlerts(90), "0.8 already fired and 0.95 not reached");
        List<Alert> full = quotaAlerts(100);
        assertEquals(1, full.size(), "one alert for the highest threshold crossed at once");
        assertEquals(1.0, full.get(0).threshold());
        assertEquals(List.of(), quotaAlerts(100), "a window that stays full alerts once");
    }

    @Test
    void shouldAlertAgainAfterTheWindowResets() {
        assertEquals(1, quotaAlerts(96).size());
        assertEquals(List.of(), quotaAlerts(3), "the window reset: nothing to say");
        List<Alert> again = quotaAlerts(81);
        assertEquals(1, again.size());
        assertEquals(0.8, again.get(0).threshold());
    }

    @Test
    void shouldAlertRateLimitedRatioWhenItRisesAboveThePolicyLine() {
        for (int i = 0; i < 19; i++) {
            observer.outcome(outcome("api", null, 200, null));
        }
        observer.outcome(outcome("api", null, 429, null));
        assertEquals(List.of(), alertsOfSnapshot(), "1 in 20 is 5%, not above it");

        observer.outcome(outcome("api", null, 200, null));
        observer.outcome(outcome("api", null, 429, null));
        List<Alert> alerts = alertsOfSnapshot();
        assertEquals(1, alerts.size());
        assertEquals(AlertKind.RATE_LIMITED_RATIO, alerts.get(0).kind());
        assertEquals(0.5, alerts.get(0).value(), 1e-9);
        assertEquals(0.05, alerts.get(0).threshold());

        observer.outcome(outcome("api", null, 429, null));
        assertEquals(List.of(), alertsOfSnapshot(), "still above: said already");
        observer.outcome(outcome("api", null, 200, null));
        assertEquals(List.of(), alertsOfSnapshot(), "back below");
        observer.outcome(outcome("api", null, 429, null));
        assertEquals(1, alertsOfSnapshot().size(), "above again");
    }

    @Test
    void shouldAlertErrorRatioOfServerErrorsAndTimeouts() {
        for (int i = 0; i < 8; i++) {
            observer.outcome(outcome("api", null, 200, null));
        }
        observer.outcome(outcome("api", null, 502, null));
        observer.outcome(outcome("api", null, 0, OutcomeError.TIMEOUT));
        List<Alert> alerts = alertsOfSnapshot();
        assertEquals(1, alerts.size());
        assertEquals(AlertKind.ERROR_RATIO, alerts.get(0).kind());
        assertEquals(0.2, alerts.get(0).value(), 1e-9);
    }

    @Test
    void shouldMeterPermitsWaitsAndGaugesAndForgetThemWithTheAccount() {
        permit("api", "ip-1", 40);
        observer.decided("api", new AdmissionDecision.Deferred(intent("api"), DeferReason.RATE_LIMIT, "1s", 5, 1));
        observer.complete("api", List.of(core("api", null, 60)), ALERTS);

        assertEquals(1.0, registry.get(GovernorMeters.PERMITS).tags("account", "api", "lane", "ip-1", "priority",
                "NORMAL").counter().count());
        assertEquals(1.0, registry.get(GovernorMeters.DEFERRALS).tags("account", "api", "reason", "RATE_LIMIT")
                .counter().count());
        assertEquals(1, registry.get(GovernorMeters.WAIT).tags("lane", "ip-1").timer().count());
        assertEquals(60.0, registry.get(GovernorMeters.WINDOW_USED).tags("account", "api", "window", "1m").gauge()
                .value());
        assertEquals(40.0, registry.get(GovernorMeters.WINDOW_REMAINING).tags("window", "1m").gauge().value());
        assertEquals(2.0, registry.get(GovernorMeters.CIRCUIT_STATE).tags("account", "api").gauge().value());
        assertEquals(3.0, registry.get(GovernorMeters.QUEUE_DEPTH).tags("account", "api").gauge().value());

        observer.complete("api", List.of(core("api", null, 10)), ALERTS);
        assertEquals(10.0, registry.get(GovernorMeters.WINDOW_USED).tags("window", "1m").gauge().value(),
                "the gauge shows the latest snapshot");

        observer.forget("api");
        assertTrue(registry.getMeters().stream().noneMatch(m -> m.getId().getName().startsWith("governor.")),
                "meters of an account no longer hosted are removed");
    }

    private List<Alert> quotaAlerts(long used) {
        return observer.complete("api", List.of(core("api", null, used)), ALERTS).alerts();
    }

    private List<Alert> alertsOfSnapshot() {
        return observer.complete("api", List.of(core("api", null, 0)), ALERTS).alerts();
    }

    private void permit(String account, String lane, long waitedMs) {
        observer.decided(account, new AdmissionDecision.Permitted(intent(account), lane, 1000, 1050, waitedMs, 0));
    }

    private Intent intent(String account) {
        return Intent.of("i-" + ids++, account);
    }

    private static Outcome outcome(String account, String lane, int status, OutcomeError error) {
        return new Outcome("o", account, lane, 0, status, error, 5, null, null, 1000, 1005, "test");
    }

    /** A snapshot as the core makes it: a 1m window of effective max 100, no counts. */
    private static QuotaSnapshot core(String account, String lane, long used) {
        return new QuotaSnapshot(2000, account, lane, List.of(new WindowUsage("1m", 100, 100, used, 100 - used,
                used == 0 ? null : 60_000L)), 3, 1, CircuitState.OPEN, 1.0, null, null);
    }
}
