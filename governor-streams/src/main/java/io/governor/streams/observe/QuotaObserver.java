package io.governor.streams.observe;

import io.governor.core.decision.AdmissionDecision;
import io.governor.schemas.event.Alert;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.AlertSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one stream task saw of its accounts: counts Micrometer meters as decisions and outcomes happen, and
 * accumulates each account's (and lane's) activity until its next snapshot, which {@link #complete} fills in,
 * shows on the gauges and turns into alerts. Single-threaded like its task; the meters it writes are shared.
 */
public final class QuotaObserver {
    private final GovernorMeters meters;
    private final QuotaAlerts alerts = new QuotaAlerts();
    private final Map<String, AccountTally> accounts = new HashMap<>();

    /** The snapshots of one account, filled in, and the alerts they raised. */
    public record Published(List<QuotaSnapshot> snapshots, List<Alert> alerts) {
    }

    public QuotaObserver(GovernorMeters meters) {
        this.meters = meters;
    }

    /** Counts one decision of {@code account}'s admission. */
    public void decided(String account, AdmissionDecision decision) {
        AccountTally t = tally(account);
        if (decision instanceof AdmissionDecision.Permitted p) {
            long waited = Math.max(0, p.waitedMs());
            t.whole.activity.permitted(waited);
            LaneTally scope = p.lane() == null ? t.whole : t.lane(p.lane());
            if (p.lane() != null) {
                scope.activity.permitted(waited);
            }
            scope.permits(p.intent().priority().ordinal(), p.intent().priority().name()).increment();
            scope.waits().record(waited, TimeUnit.MILLISECONDS);
        } else if (decision instanceof AdmissionDecision.Deferred d) {
            t.whole.activity.deferred();
            t.deferrals.computeIfAbsent(d.reason().name(), r -> meters.deferrals(account, r)).increment();
        } else if (decision instanceof AdmissionDecision.Rejected r) {
            rejected(account, r.reason().name());
        }
    }

    /** Counts a rejection of a hosted account decided outside its admission. */
    public void rejected(String account, String reason) {
        AccountTally t = tally(account);
        t.whole.activity.rejected();
        t.rejections.computeIfAbsent(reason, r -> meters.rejections(account, r)).increment();
    }

    /** Counts what happened to a permitted call. */
    public void outcome(Outcome outcome) {
        AccountTally t = tally(outcome.account());
        t.whole.activity.outcome(outcome);
        LaneTally scope = outcome.lane() == null ? t.whole : t.lane(outcome.lane());
        if (outcome.lane() != null) {
            scope.activity.outcome(outcome);
        }
        String result = GovernorMeters.resultOf(outcome);
        scope.outcomes.computeIfAbsent(result, r -> meters.outcomes(outcome.account(), scope.lane, r)).increment();
    }

    /**
     * Fills the core's snapshots of {@code account} (the account's, then one per lane) with the counts and waits
     * since the previous ones, starts a new interval, sets the gauges and returns the alerts due under
     * {@code spec} (null: none).
     */
    public Published complete(String account, List<QuotaSnapshot> fromCore, AlertSpec spec) {
        AccountTally t = tally(account);
        List<QuotaSnapshot> filled = new ArrayList<>(fromCore.size());
        List<Alert> raised = new ArrayList<>(0);
        for (QuotaSnapshot s : fromCore) {
            IntervalActivity activity = s.lane() == null ? t.whole.activity : t.lane(s.lane()).activity;
            QuotaSnapshot full = new QuotaSnapshot(s.at(), s.account(), s.lane(), s.windows(), s.queueDepth(),
                    s.inFlight(), s.circuit(), s.adaptiveFactor(), activity.counts(), activity.waits());
            filled.add(full);
            meters.show(full);
            raised.addAll(alerts.quota(full, spec));
            raised.addAll(alerts.ratios(full, activity, spec));
            activity.reset();
        }
        return new Published(filled, raised);
    }

    /** Drops an account's meters and alert memory: it is no longer hosted here. */
    public void forget(String account) {
        accounts.remove(account);
        alerts.forget(account);
        meters.forget(account);
    }

    /** The task closes (its partition may move): its accounts' meters go with it. */
    public void close() {
        for (String account : List.copyOf(accounts.keySet())) {
            forget(account);
        }
    }

    private AccountTally tally(String account) {
        return accounts.computeIfAbsent(account, AccountTally::new);
    }

    /** An account's whole-account scope, its lanes, and its meters by reason. */
    private final class AccountTally {
        final String account;
        final LaneTally whole;
        final Map<String, LaneTally> lanes = new HashMap<>();
        final Map<String, Counter> deferrals = new HashMap<>();
        final Map<String, Counter> rejections = new HashMap<>();

        AccountTally(String account) {
            this.account = account;
            this.whole = new LaneTally(account, GovernorMeters.NO_LANE);
        }

        LaneTally lane(String lane) {
            return lanes.computeIfAbsent(lane, l -> new LaneTally(account, l));
        }
    }

    /** One lane's (or the whole account's) interval activity and meters, looked up once and then kept. */
    private final class LaneTally {
        final String account;
        final String lane;
        final IntervalActivity activity = new IntervalActivity();
        final Counter[] permits = new Counter[Priority.values().length];
        final Map<String, Counter> outcomes = new HashMap<>(8);
        private Timer waits;

        LaneTally(String account, String lane) {
            this.account = account;
            this.lane = lane;
        }

        Counter permits(int priority, String name) {
            if (permits[priority] == null) {
                permits[priority] = meters.permits(account, lane, name);
            }
            return permits[priority];
        }

        Timer waits() {
            if (waits == null) {
                waits = meters.waits(account, lane);
            }
            return waits;
        }
    }
}
