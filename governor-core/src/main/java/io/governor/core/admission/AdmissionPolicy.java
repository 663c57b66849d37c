package io.governor.core.admission;

import io.governor.core.window.WindowSet;
import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.Pacing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link AccountPolicy} prepared for admission: allowances computed, lanes indexed. Immutable; hosts cache
 * one per account and build fresh window sets from it.
 */
public final class AdmissionPolicy {
    private final AccountPolicy source;
    private final long validityMs;
    private final long jitterMs;
    private final List<String> lanes;
    private final Map<String, Integer> laneIndex = new HashMap<>();
    /** The lane names as permits and leases carry them: most lookups find theirs by reference. */
    private final String[] laneNames;
    private final boolean hasPriorityReserve;

    public AdmissionPolicy(AccountPolicy source) {
        this.source = source;
        this.validityMs = source.validity().toMillis();
        this.jitterMs = source.jitter().toMillis();
        this.lanes = source.lanes() == null ? List.of() : source.lanes().members();
        for (int i = 0; i < lanes.size(); i++) {
            laneIndex.put(lanes.get(i), i);
        }
        this.laneNames = lanes.toArray(new String[0]);
        this.hasPriorityReserve = source.priorities().values().stream().anyMatch(share -> share < 1.0);
        newAccountSet(); // fails here, at policy load, on a window the sets cannot hold
        if (!lanes.isEmpty()) {
            newLaneSet(0);
        }
        if (hasTenantLimits()) {
            newTenantSet("");
        }
    }

    public AccountPolicy source() {
        return source;
    }

    public long validityMs() {
        return validityMs;
    }

    public long jitterMs() {
        return jitterMs;
    }

    public int queueMax() {
        return source.queue().max();
    }

    /** job.maxCalls, or Long.MAX_VALUE when the policy has no job budget. */
    public long jobMaxCalls() {
        return source.job() == null ? Long.MAX_VALUE : source.job().maxCalls();
    }

    public List<String> lanes() {
        return lanes;
    }

    /** Index of a lane member, or -1 when the account has no such lane. */
    public int laneIndex(String lane) {
        for (int k = 0; k < laneNames.length; k++) {
            if (laneNames[k] == lane) {
                return k;
            }
        }
        Integer i = laneIndex.get(lane);
        return i == null ? -1 : i;
    }

    /**
     * Whether some priority may use less than a whole window: otherwise every priority's caps are the full ones,
     * and an earliest time does not depend on the priority it is asked for.
     */
    public boolean hasPriorityReserve() {
        return hasPriorityReserve;
    }

    public boolean hasTenantLimits() {
        return source.tenants() != null && !source.tenants().limits().isEmpty();
    }

    /** Weighted fair turns among tenants (tenants.fair); otherwise groups go in arrival order. */
    public boolean fairTenants() {
        return source.tenants() != null && source.tenants().fair();
    }

    public double weightOf(String tenant) {
        return source.tenants() == null ? 1.0 : source.tenants().weightOf(tenant);
    }

    public WindowSet newAccountSet() {
        return newSet("", source.limits());
    }

    public WindowSet newLaneSet(int lane) {
        return newSet("lane:" + lanes.get(lane), source.lanes().limits());
    }

    public WindowSet newTenantSet(String tenant) {
        return newSet("tenant:" + tenant, source.tenants().limits());
    }

    private WindowSet newSet(String scope, List<LimitSpec> limits) {
        long[] allowed = new long[limits.size()];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = source.allowed(limits.get(i));
        }
        Map<Priority, Double> shares = source.priorities();
        return new WindowSet(scope, limits, allowed, shares, source.pacing() == Pacing.SMOOTH, validityMs);
    }
}
