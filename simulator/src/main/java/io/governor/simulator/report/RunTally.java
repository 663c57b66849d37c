package io.governor.simulator.report;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Priority;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.event.RejectionReason;
import io.governor.schemas.scenario.UpstreamSpec;
import io.governor.simulator.upstream.Answer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts one run (Governor's or the baseline's) as it happens and turns the counts into the report's figures.
 * An intent is <em>decided</em> when it is first permitted or rejected; drainSeconds runs from the start to the
 * last decision. Fed by intent id ({@link #permitted(Permit)}, {@link #rejected(Rejection)},
 * {@link #called(String, String, String, long, Answer)}), a retry's permit is not a second decision, and an intent
 * counts as <em>served</em> for the account it was offered to once any call for it (on a fallback too) got a 2xx.
 */
public final class RunTally {
    private final long startMs;
    private final Map<String, AccountTally> accounts = new TreeMap<>();
    private final Timeline timeline;
    /** Intents offered, by id: whom they were offered to, whether decided and served yet. */
    private final Map<String, IntentState> intents = new HashMap<>();
    private long decisions;

    /** {@code truth}: the scenario's upstream, whose windows the timeline charts. */
    public RunTally(long startMs, Map<String, UpstreamSpec> truth) {
        this.startMs = startMs;
        this.timeline = new Timeline(startMs, truth);
    }

    public RunTally(long startMs) {
        this(startMs, Map.of());
    }

    /** The run's events in time, for the HTML report. */
    public Timeline timeline() {
        return timeline;
    }

    public void offered(Intent intent) {
        timeline.offered(intent.createdAt());
        AccountTally a = account(intent.account());
        intents.put(intent.id(), new IntentState(a));
        a.offered++;
        if (intent.tenant() != null) {
            a.tenant(intent.tenant()).offered++;
        }
    }

    public void permitted(String account, Priority priority, String tenant, long waitedMs, long atMs) {
        timeline.permitted(priority, waitedMs, atMs);
        AccountTally a = account(account);
        a.permitted++;
        a.waits.add(waitedMs);
        a.byPriority.computeIfAbsent(priority, p -> new WaitSamples()).add(waitedMs);
        if (tenant != null) {
            TenantTally t = a.tenant(tenant);
            t.permitted++;
            t.waits.add(waitedMs);
        }
        decided(a, atMs);
    }

    /** A permit of the governor: the intent's decision, or a retry's (attempt > 0) that decides nothing new. */
    public void permitted(Permit p) {
        IntentState state = intents.get(p.intentId());
        if (state != null && state.decided) {
            account(p.account()).retryPermits++;
            return;
        }
        if (state != null) {
            state.decided = true;
        }
        permitted(p.account(), p.priority(), p.tenant(), p.waitedMs(), p.permittedAt());
    }

    /** A rejection: the intent's decision, unless it was permitted before (its retries ran out). */
    public void rejected(Rejection r) {
        IntentState state = intents.get(r.intentId());
        if (state != null && state.decided) {
            account(r.account()).rejected.merge(r.reason().name(), 1L, Long::sum);
            return;
        }
        if (state != null) {
            state.decided = true;
        }
        rejected(r.account(), r.reason(), r.at());
    }

    public void rejected(String account, RejectionReason reason, long atMs) {
        AccountTally a = account(account);
        a.rejected.merge(reason.name(), 1L, Long::sum);
        decided(a, atMs);
    }

    /** A call for {@code intentId} on {@code lane} (may be null) started at {@code startedAtMs}, got {@code answer}. */
    public void called(String intentId, String account, String lane, long startedAtMs, Answer answer) {
        timeline.called(account, lane, startedAtMs, answer);
        called(account, answer);
        IntentState state = intents.get(intentId);
        if (state != null && answer.ok() && !state.served) {
            state.served = true;
            state.offeredTo.served++;
            servedTracked = true;
        }
    }

    /** A call reached the upstream and got {@code answer} (not charted: prefer the form with lane and time). */
    public void called(String account, Answer answer) {
        AccountTally a = account(account);
        a.executed++;
        int s = answer.status();
        if (s >= 200 && s < 300) {
            a.ok++;
        } else if (s == Answer.TOO_MANY_REQUESTS) {
            a.rateLimited++;
        } else if (s == Answer.FORBIDDEN) {
            a.forbidden++;
        } else if (s >= 500) {
            a.serverErrors++;
        } else if (s == Answer.NO_ANSWER) {
            a.timeouts++;
        }
        if (answer.violation()) {
            a.violations++;
        }
    }

    private boolean servedTracked;

    /** Intents permitted or rejected so far, over all accounts. */
    public long decisions() {
        return decisions;
    }

    private void decided(AccountTally a, long atMs) {
        timeline.decided(atMs);
        decisions++;
        a.lastDecisionAt = Math.max(a.lastDecisionAt, atMs);
    }

    private AccountTally account(String name) {
        return accounts.computeIfAbsent(name, n -> new AccountTally());
    }

    /** Figures per account; {@code best} gives each account's best case (accounts without one score 1.0). */
    public Map<String, Figures> figures(Map<String, BestCase> best) {
        Map<String, Figures> out = new TreeMap<>();
        accounts.forEach((name, a) -> out.put(name, a.figures(startMs, best.get(name), servedTracked)));
        return out;
    }

    /** The totals: counts summed, waits over every sample, drains the longest, efficiency weighted by offered. */
    public Figures totals(Map<String, BestCase> best) {
        AccountTally sum = new AccountTally();
        double weighted = 0;
        double bestDrain = 0;
        for (var e : accounts.entrySet()) {
            AccountTally a = e.getValue();
            Figures f = a.figures(startMs, best.get(e.getKey()), servedTracked);
            weighted += f.efficiency() * a.offered;
            bestDrain = Math.max(bestDrain, f.bestDrainSeconds());
            sum.absorb(a);
        }
        Figures f = sum.figures(startMs, null, servedTracked);
        double efficiency = sum.offered == 0 ? 1.0 : round(weighted / sum.offered);
        return new Figures(f.offered(), f.permitted(), f.executed(), f.retries(), f.rejected(), f.upstream(), f.violations(),
                f.waitMs(), f.byTenant(), f.drainSeconds(), bestDrain, efficiency, null);
    }

    public static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    private static final class TenantTally {
        long offered;
        long permitted;
        final WaitSamples waits = new WaitSamples();
    }

    private static final class AccountTally {
        long offered;
        long permitted;
        long executed;
        long ok;
        long rateLimited;
        long forbidden;
        long serverErrors;
        long timeouts;
        long violations;
        long served;
        long retryPermits;
        long lastDecisionAt = Long.MIN_VALUE;
        final Map<String, Long> rejected = new TreeMap<>();
        final WaitSamples waits = new WaitSamples();
        final Map<Priority, WaitSamples> byPriority = new EnumMap<>(Priority.class);
        final Map<String, TenantTally> tenants = new TreeMap<>();

        TenantTally tenant(String name) {
            return tenants.computeIfAbsent(name, n -> new TenantTally());
        }

        void absorb(AccountTally a) {
            offered += a.offered;
            permitted += a.permitted;
            executed += a.executed;
            ok += a.ok;
            rateLimited += a.rateLimited;
            forbidden += a.forbidden;
            serverErrors += a.serverErrors;
            timeouts += a.timeouts;
            served += a.served;
            retryPermits += a.retryPermits;
            violations += a.violations;
            lastDecisionAt = Math.max(lastDecisionAt, a.lastDecisionAt);
            a.rejected.forEach((k, v) -> rejected.merge(k, v, Long::sum));
            waits.addAll(a.waits);
            a.byPriority.forEach((p, w) -> byPriority.computeIfAbsent(p, x -> new WaitSamples()).addAll(w));
            a.tenants.forEach((name, t) -> {
                TenantTally mine = tenant(name);
                mine.offered += t.offered;
                mine.permitted += t.permitted;
                mine.waits.addAll(t.waits);
            });
        }

        /**
         * Efficiency: a backlog's best drain over its drain; otherwise the intents served (2xx, for this account,
         * fallbacks included) over what the best schedule serves — or, when calls were not reported by intent,
         * the calls the truth counted over it.
         */
        Figures figures(long startMs, BestCase best, boolean servedTracked) {
            Map<String, Figures.Percentiles> byP = new TreeMap<>();
            byPriority.forEach((p, w) -> byP.put(p.name(), w.percentiles()));
            Figures.Percentiles all = waits.percentiles();
            Map<String, Figures.TenantFigures> byTenant = new TreeMap<>();
            tenants.forEach((n, t) -> byTenant.put(n, new Figures.TenantFigures(t.offered, t.permitted,
                    t.waits.percentiles())));
            double drain = lastDecisionAt == Long.MIN_VALUE ? 0 : Math.max(0, lastDecisionAt - startMs) / 1000.0;
            double bestDrain = best == null ? drain : best.drainMs() / 1000.0;
            double efficiency;
            if (best == null) {
                efficiency = 1.0;
            } else if (best.backlog()) {
                efficiency = drain <= 0 ? 1.0 : bestDrain / drain;
            } else {
                long useful = servedTracked ? served : executed - violations - timeouts;
                efficiency = best.allowed() == 0 ? 1.0 : (double) useful / best.allowed();
            }
            return new Figures(offered, permitted, executed, retryPermits, rejected,
                    new Figures.Upstream(ok, rateLimited, forbidden, serverErrors, timeouts), violations,
                    new Figures.Waits(all.p50(), all.p95(), all.p99(), all.max(), byP), byTenant, round(drain),
                    round(bestDrain), round(efficiency), null);
        }
    }

    private static final class IntentState {
        final AccountTally offeredTo;
        boolean decided;
        boolean served;

        IntentState(AccountTally offeredTo) {
            this.offeredTo = offeredTo;
        }
    }
}
