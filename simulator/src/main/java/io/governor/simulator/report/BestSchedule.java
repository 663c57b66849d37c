package io.governor.simulator.report;

import io.governor.schemas.event.Intent;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.scenario.BacklogTraffic;
import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.UpstreamAlgorithm;
import io.governor.schemas.scenario.UpstreamSpec;
import io.governor.simulator.upstream.TruthWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The best case of each account: a perfect scheduler that knows the truth serves every offered unit at the
 * earliest time the truth's windows allow (greedy is optimal for sliding and aligned windows), in arrival order.
 * The truth's limits are scaled by the policy's safety (floor(max × safety)); per-lane limits count once per lane
 * of the account's policy. An account whose upstream has no limits is scheduled under its policy's limits. An
 * intent whose slot would fall after its deadline is not served (and is decided at its deadline).
 */
public final class BestSchedule {
    private BestSchedule() {
    }

    /** Best cases per account for {@code offered} (all of the scenario's intents, in createdAt order). */
    public static Map<String, BestCase> of(Scenario scenario, List<Intent> offered) {
        Map<String, List<Intent>> byAccount = new HashMap<>();
        for (Intent i : offered) {
            byAccount.computeIfAbsent(i.account(), a -> new ArrayList<>()).add(i);
        }
        Map<String, BestCase> out = new HashMap<>();
        byAccount.forEach((account, intents) -> out.put(account, bestCase(scenario, account, intents)));
        return out;
    }

    private static BestCase bestCase(Scenario scenario, String account, List<Intent> intents) {
        boolean backlog = scenario.traffic().stream()
                .anyMatch(t -> t instanceof BacklogTraffic b && b.account().equals(account));
        List<TruthWindow> windows = windows(scenario, account);
        long last = scenario.startMs();
        long allowed = 0;
        long t = scenario.startMs();
        for (Intent intent : intents) {
            long slot = Math.max(t, intent.createdAt());
            for (int unit = 0; unit < intent.cost(); unit++) {
                slot = earliest(windows, slot);
                if (unit + 1 < intent.cost()) {
                    record(windows, slot);
                }
            }
            if (intent.deadline() != null && slot > intent.deadline()) {
                last = Math.max(last, intent.deadline() + 1);
                continue;
            }
            record(windows, slot);
            t = slot;
            allowed++;
            last = Math.max(last, slot);
        }
        return new BestCase(backlog, last - scenario.startMs(), allowed);
    }

    private static long earliest(List<TruthWindow> windows, long from) {
        long t = from;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (TruthWindow w : windows) {
                if (w.refuses(t)) {
                    t = w.resetAt(t);
                    moved = true;
                }
            }
        }
        return t;
    }

    private static void record(List<TruthWindow> windows, long t) {
        for (TruthWindow w : windows) {
            w.record(t);
        }
    }

    private static List<TruthWindow> windows(Scenario scenario, String account) {
        AccountPolicy policy = scenario.policy().policyFor(account).orElseThrow();
        int lanes = policy.lanes() == null ? 1 : policy.lanes().members().size();
        UpstreamSpec spec = scenario.upstream().get(account);
        List<TruthWindow> out = new ArrayList<>();
        if (spec != null && !spec.limits().isEmpty()) {
            for (LimitSpec l : spec.limits()) {
                out.add(TruthWindow.of(l, policy.allowed(l) * (spec.perLane() ? lanes : 1), spec.algorithm()));
            }
            return out;
        }
        for (LimitSpec l : policy.limits()) {
            out.add(TruthWindow.of(l, policy.allowed(l), UpstreamAlgorithm.SLIDING));
        }
        if (policy.lanes() != null) {
            for (LimitSpec l : policy.lanes().limits()) {
                out.add(TruthWindow.of(l, policy.allowed(l) * lanes, UpstreamAlgorithm.SLIDING));
            }
        }
        return out;
    }
}
