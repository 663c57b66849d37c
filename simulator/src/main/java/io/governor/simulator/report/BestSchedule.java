package io.governor.simulator.report;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.Pacing;
import io.governor.schemas.scenario.BacklogTraffic;
import io.governor.schemas.scenario.OutageSpec;
import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.UpstreamAlgorithm;
import io.governor.schemas.scenario.UpstreamSpec;
import io.governor.simulator.upstream.TruthWindow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The best case of each account: a perfect scheduler that knows the truth, run forward in time. At every instant
 * it serves, highest priority first and oldest first within a priority, every waiting intent that the truth's
 * windows allow under the <em>same</em> policy the governor applies: each limit scaled by the safety
 * (floor(max × safety)) and each priority held to its share of every window (max(1, floor(allowed × share))), so
 * a reserve kept for HIGH is not counted as capacity NORMAL could have used. Per-lane truths are scheduled per
 * lane of the account's policy (a dead lane is never used), tenant limits of the policy hold per tenant. An
 * account whose upstream has no limits is scheduled under its policy's limits. An intent still waiting after its
 * deadline is not served (decided at its deadline). Work-conserving and earliest-first is optimal for a backlog's
 * drain under sliding and aligned windows. Smooth pacing is the policy's too: a scope's units are spaced by its
 * shortest window's per over its allowance. A backlog's intents wait out the upstream's outages, as a call then
 * serves nothing; other traffic is judged on intents served, fallbacks included, which this schedule does not
 * model, so its outages are left in. What it leaves out on purpose: the permit's validity span (also in the
 * governor's pacing interval), the lookahead and the governor's conservative counting, which are the governor's
 * costs and show up as efficiency below 1.
 */
public final class BestSchedule {
    private static final double EPSILON = 1e-9;
    private static final Priority[] PRIORITIES = Priority.values();

    private BestSchedule() {
    }

    /** Best cases per account for {@code offered} (all of the scenario's intents, in createdAt order). */
    public static Map<String, BestCase> of(Scenario scenario, List<Intent> offered) {
        Map<String, List<Intent>> byAccount = new HashMap<>();
        for (Intent i : offered) {
            byAccount.computeIfAbsent(i.account(), a -> new ArrayList<>()).add(i);
        }
        Map<String, BestCase> out = new HashMap<>();
        byAccount.forEach((account, intents) -> out.put(account, new AccountSchedule(scenario, account).run(intents)));
        return out;
    }

    /** One truth window held to the policy's allowance and priority shares. */
    private record Limit(TruthWindow window, long[] caps) {
        static Limit of(LimitSpec spec, AccountPolicy policy, UpstreamAlgorithm algorithm) {
            long allowed = policy.allowed(spec);
            long[] caps = new long[PRIORITIES.length];
            for (Priority p : PRIORITIES) {
                caps[p.ordinal()] = Math.max(1, (long) Math.floor(allowed * policy.shareOf(p) + EPSILON));
            }
            return new Limit(TruthWindow.of(spec, allowed, algorithm), caps);
        }

        /** Calls there may be in the window before one of {@code cost} at {@code priority}: 0 or less never. */
        long room(Priority priority, int cost) {
            return caps[priority.ordinal()] - cost + 1;
        }
    }

    /**
     * The limits of one scope (the account, a lane, a tenant) and, under smooth pacing, the spacing the policy
     * keeps between its units: the shortest window's per over its allowance (the governor adds the permit's
     * validity to it, which is its own cost, so it is left out here).
     */
    private static final class Scope {
        static final Scope NONE = new Scope(new Limit[0], 0);

        final Limit[] limits;
        final long paceMs;
        long nextAt = Long.MIN_VALUE;

        Scope(Limit[] limits, long paceMs) {
            this.limits = limits;
            this.paceMs = paceMs;
        }

        static Scope of(List<LimitSpec> specs, AccountPolicy policy, UpstreamAlgorithm algorithm) {
            List<Limit> limits = new ArrayList<>();
            long shortest = Long.MAX_VALUE;
            long pace = 0;
            for (LimitSpec l : specs) {
                limits.add(Limit.of(l, policy, algorithm));
                shortest = Math.min(shortest, l.per().toMillis());
            }
            if (policy.pacing() == Pacing.SMOOTH) {
                for (LimitSpec l : specs) {
                    if (l.per().toMillis() == shortest) {
                        pace = Math.max(pace, l.per().toMillis() / Math.max(1, policy.allowed(l)));
                    }
                }
            }
            return limits.isEmpty() ? NONE : new Scope(limits.toArray(new Limit[0]), pace);
        }
    }

    private static final class AccountSchedule {
        private final Scenario scenario;
        private final AccountPolicy policy;
        private final boolean backlog;
        private final Scope account;
        /** Per lane of the policy (one empty entry when the account has no lanes); null for a dead lane. */
        private final List<Scope> lanes = new ArrayList<>();
        private final Map<String, Integer> laneIndex = new HashMap<>();
        private final Map<String, Scope> tenants = new HashMap<>();
        /** [start, end) of each outage a backlog waits out, in ms. */
        private final List<long[]> outages = new ArrayList<>();
        private int cursor;
        private int chosen;

        AccountSchedule(Scenario scenario, String name) {
            this.scenario = scenario;
            this.policy = scenario.policy().policyFor(name).orElseThrow();
            this.backlog = scenario.traffic().stream()
                    .anyMatch(t -> t instanceof BacklogTraffic b && b.account().equals(name));
            UpstreamSpec spec = scenario.upstream().get(name);
            List<String> members = policy.lanes() == null ? List.of() : policy.lanes().members();
            boolean truth = spec != null && !spec.limits().isEmpty();
            List<LimitSpec> accountLimits = truth ? (spec.perLane() && !members.isEmpty() ? List.of() : spec.limits())
                    : policy.limits();
            UpstreamAlgorithm algorithm = truth ? spec.algorithm() : UpstreamAlgorithm.SLIDING;
            account = Scope.of(accountLimits, policy, algorithm);
            List<LimitSpec> laneLimits = truth ? (spec.perLane() ? spec.limits() : List.of())
                    : policy.lanes() == null ? List.of() : policy.lanes().limits();
            Set<String> dead = spec == null ? Set.of() : spec.deadLaneNames(members);
            for (String m : members) {
                laneIndex.put(m, lanes.size());
                if (dead.contains(m)) {
                    lanes.add(null);
                    continue;
                }
                lanes.add(Scope.of(laneLimits, policy, algorithm));
            }
            if (lanes.isEmpty()) {
                lanes.add(Scope.NONE);
            }
            if (backlog && spec != null) {
                for (OutageSpec o : spec.outages()) {
                    outages.add(new long[] {scenario.startMs() + o.from().toMillis(),
                        scenario.startMs() + o.to().toMillis()});
                }
            }
        }

        BestCase run(List<Intent> intents) {
            // Waiting intents by priority, then tenant: within a priority the oldest head that can go goes first.
            Map<String, ArrayDeque<Intent>> queues = new TreeMap<>();
            long start = scenario.startMs();
            long last = start;
            long served = 0;
            long t = start;
            int next = 0;
            int waiting = 0;
            while (next < intents.size() || waiting > 0) {
                while (next < intents.size() && intents.get(next).createdAt() <= t) {
                    Intent i = intents.get(next++);
                    queues.computeIfAbsent(queueKey(i), k -> new ArrayDeque<>()).add(i);
                    waiting++;
                }
                if (waiting == 0) {
                    t = intents.get(next).createdAt();
                    continue;
                }
                Intent pick = null;
                ArrayDeque<Intent> pickQueue = null;
                int pickLane = -1;
                long soonest = Long.MAX_VALUE;
                for (ArrayDeque<Intent> q : queues.values()) {
                    Intent head;
                    while ((head = q.peek()) != null && head.deadline() != null && head.deadline() < t) {
                        q.poll();
                        waiting--;
                        last = Math.max(last, head.deadline() + 1);
                    }
                    if (head == null || pick != null && !before(head, pick)) {
                        continue;
                    }
                    long e = earliest(head, t);
                    if (e == Long.MAX_VALUE && head.createdAt() <= t) { // can never go (cost over a cap)
                        q.poll();
                        waiting--;
                        last = Math.max(last, t);
                        continue;
                    }
                    if (e == t) {
                        pick = head;
                        pickQueue = q;
                        pickLane = chosen;
                    } else {
                        soonest = Math.min(soonest, e);
                        if (head.deadline() != null) {
                            soonest = Math.min(soonest, head.deadline() + 1);
                        }
                    }
                }
                if (pick != null) {
                    pickQueue.poll();
                    waiting--;
                    record(pick, pickLane, t);
                    served++;
                    last = Math.max(last, t);
                    continue;
                }
                long arrival = next < intents.size() ? intents.get(next).createdAt() : Long.MAX_VALUE;
                long to = Math.min(soonest, arrival);
                if (to == Long.MAX_VALUE) {
                    break; // only intents that can never go were left, and they were dropped
                }
                t = Math.max(t + 1, to);
            }
            return new BestCase(backlog, last - start, served);
        }

        private static String queueKey(Intent i) {
            return i.priority().ordinal() + "|" + (i.tenant() == null ? "" : i.tenant());
        }

        private static boolean before(Intent a, Intent b) {
            return a.priority().isAbove(b.priority())
                    || a.priority() == b.priority() && a.createdAt() < b.createdAt();
        }

        /** Earliest instant {@code >= t} the intent could go on any usable lane; sets {@link #chosen}. */
        private long earliest(Intent intent, long t) {
            long from = intent.notBefore() == null ? t : Math.max(t, intent.notBefore());
            Scope tenant = tenantScope(intent.tenant());
            Integer explicit = intent.lane() == null ? null : laneIndex.get(intent.lane());
            if (explicit != null) {
                chosen = explicit;
                Scope lane = lanes.get(explicit);
                return lane == null ? Long.MAX_VALUE : joint(intent, from, lane, tenant);
            }
            long best = Long.MAX_VALUE;
            int n = lanes.size();
            chosen = -1;
            for (int k = 0; k < n; k++) {
                int i = (cursor + k) % n;
                Scope lane = lanes.get(i);
                if (lane == null) {
                    continue;
                }
                long e = joint(intent, from, lane, tenant);
                if (e < best) {
                    best = e;
                    chosen = i;
                    if (e == t) {
                        break;
                    }
                }
            }
            return best;
        }

        private long joint(Intent intent, long from, Scope lane, Scope tenant) {
            long at = from;
            while (true) { // until one pass over the three scopes and the outages moves nothing
                long passStart = at;
                at = afterOutages(at);
                at = fit(account, intent, at);
                at = at == Long.MAX_VALUE ? at : fit(lane, intent, at);
                at = at == Long.MAX_VALUE ? at : fit(tenant, intent, at);
                if (at == passStart || at == Long.MAX_VALUE) {
                    return at;
                }
            }
        }

        private long afterOutages(long at) {
            for (long[] o : outages) {
                if (at >= o[0] && at < o[1]) {
                    at = o[1];
                }
            }
            return at;
        }

        /** The earliest instant {@code >= at} one scope allows the intent; Long.MAX_VALUE never. */
        private static long fit(Scope scope, Intent intent, long at) {
            if (scope.paceMs > 0 && at < scope.nextAt) {
                at = scope.nextAt;
            }
            for (Limit l : scope.limits) {
                long room = l.room(intent.priority(), intent.cost());
                if (room <= 0) {
                    return Long.MAX_VALUE;
                }
                at = Math.max(at, l.window().earliestBelow(at, room));
            }
            return at;
        }

        private void record(Intent intent, int lane, long t) {
            Scope laneScope = lanes.get(Math.max(0, lane));
            for (Scope scope : new Scope[] {account, laneScope == null ? Scope.NONE : laneScope,
                tenantScope(intent.tenant())}) {
                if (scope == Scope.NONE) {
                    continue;
                }
                for (Limit l : scope.limits) {
                    for (int c = 0; c < intent.cost(); c++) {
                        l.window().record(t);
                    }
                }
                scope.nextAt = t + scope.paceMs * intent.cost();
            }
            if (lane >= 0) {
                cursor = (lane + 1) % lanes.size();
            }
        }

        private Scope tenantScope(String tenant) {
            if (tenant == null || policy.tenants() == null || policy.tenants().limits().isEmpty()) {
                return Scope.NONE;
            }
            return tenants.computeIfAbsent(tenant,
                    x -> Scope.of(policy.tenants().limits(), policy, UpstreamAlgorithm.SLIDING));
        }
    }
}
