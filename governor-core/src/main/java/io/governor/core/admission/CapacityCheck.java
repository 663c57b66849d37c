package io.governor.core.admission;

import io.governor.core.lane.LaneSelector;
import io.governor.core.tenant.TenantStates;
import io.governor.core.window.Binding;
import io.governor.core.window.WindowSet;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;

/**
 * Where an intent could go and when: the joint earliest time of the account's, a lane's and the tenant's window
 * sets, choosing the lane. Reading is separate from {@link #commit}, so a refusal changes no counter and a
 * permit changes all of them together. Public so that the limit decision can be asked alone, as a plain rate
 * limiter would be (bench's LimitsDriver), with the very code {@link AccountAdmission} decides with.
 */
public final class CapacityCheck {
    private final AdmissionPolicy policy;
    private final AccountState state;
    private final TenantStates tenants;
    private final long[] laneEarliest;
    /** Lane chosen by the last {@link #earliest} call (-1 when the account has no lanes). */
    private int chosenLane = -1;
    private String cachedTenant;
    private WindowSet cachedTenantSet;
    // The last deferring answer of earliest over all lanes and what it was asked (the intent only through its cost
    // and tenant set; intents that asked for a lane need one joint check and are not remembered):
    // a deferral path asks the same again and again, for each intent of a group and on each arrival at one
    // instant. Valid while every set it read has the same version (a change to any raises their sum).
    private long memoT = Long.MIN_VALUE;
    private int memoCost;
    private Priority memoShare;
    private boolean memoGroupScoped;
    private WindowSet memoTenant;
    private int memoCursor;
    private long memoVersion = -1;
    private int memoLane;
    private long memoAt;

    public CapacityCheck(AdmissionPolicy policy, AccountState state, TenantStates tenants) {
        this.policy = policy;
        this.state = state;
        this.tenants = tenants;
        this.laneEarliest = new long[policy.lanes().size()];
    }

    public int chosenLane() {
        return chosenLane;
    }

    /** The tenant's set, fresh when the store has none; null when tenant limits do not apply. */
    WindowSet tenantSet(Intent intent) {
        String tenant = intent.tenant();
        if (tenant == null || !policy.hasTenantLimits()) {
            return null;
        }
        if (!tenant.equals(cachedTenant)) {
            WindowSet set = tenants.get(tenant);
            cachedTenantSet = set != null ? set : policy.newTenantSet(tenant);
            cachedTenant = tenant;
        }
        return cachedTenantSet;
    }

    /** Forgets the cached tenant set, e.g. when the host swaps stores between calls. */
    void forgetTenant() {
        cachedTenant = null;
        cachedTenantSet = null;
    }

    /** Largest cost any set this intent touches can ever admit at its priority. */
    long maxCost(Intent intent) {
        Priority p = intent.priority();
        long m = state.account.maxCost(p);
        int explicit = intent.lane() == null ? -1 : policy.laneIndex(intent.lane());
        if (explicit >= 0) {
            m = Math.min(m, state.lanes[explicit].maxCost(p));
        } else {
            long best = state.lanes.length == 0 ? Long.MAX_VALUE : 0;
            for (WindowSet lane : state.lanes) {
                best = Math.max(best, lane.maxCost(p));
            }
            m = Math.min(m, best);
        }
        WindowSet tenant = tenantSet(intent);
        return tenant == null ? m : Math.min(m, tenant.maxCost(p));
    }

    /**
     * Earliest notBefore {@code >= t} for the intent. {@code share} is the priority whose reserve applies (null:
     * none); {@code groupScoped} false leaves out what only the intent's group shares (its tenant and the lane it
     * asked for), to tell a blocked group from a blocked account. Sets {@link #chosenLane}.
     */
    public long earliest(Intent intent, long t, Priority share, Binding why, boolean groupScoped) {
        int cost = intent.cost();
        WindowSet tenant = groupScoped ? tenantSet(intent) : null;
        int explicit = state.lanes.length == 0 || intent.lane() == null ? -1 : policy.laneIndex(intent.lane());
        if (why != null || explicit >= 0 || state.lanes.length == 0) { // one joint check: cheaper than the memo
            return compute(t, cost, share, why, groupScoped, tenant, explicit);
        }
        return remembered(t, cost, share, groupScoped, tenant);
    }

    /** {@link #earliest} over every lane in turn, from the memo when it was asked the same with nothing changed. */
    private long remembered(long t, int cost, Priority share, boolean groupScoped, WindowSet tenant) {
        if (t == memoT && cost == memoCost && share == memoShare && groupScoped == memoGroupScoped
                && tenant == memoTenant && state.laneCursor == memoCursor && version(tenant) == memoVersion) {
            chosenLane = memoLane;
            return memoAt;
        }
        long at = compute(t, cost, share, null, groupScoped, tenant, -1);
        if (at > t) { // only a deferral is asked again unchanged: a permit at t changes the sets at once
            memoT = t;
            memoCost = cost;
            memoShare = share;
            memoGroupScoped = groupScoped;
            memoTenant = tenant;
            memoCursor = state.laneCursor;
            memoVersion = version(tenant);
            memoLane = chosenLane;
            memoAt = at;
        }
        return at;
    }

    /** Sum of the change counts of every set an answer may read: any change to one of them raises it. */
    private long version(WindowSet tenant) {
        long v = state.account.version() + (tenant == null ? 0 : tenant.version());
        for (WindowSet lane : state.lanes) {
            v += lane.version();
        }
        return v;
    }

    private long compute(long t, int cost, Priority share, Binding why, boolean groupScoped, WindowSet tenant,
                         int explicit) {
        if (state.lanes.length == 0) {
            chosenLane = -1;
            return joint(t, cost, share, state.account, null, tenant, why);
        }
        if (explicit >= 0) {
            chosenLane = explicit;
            return joint(t, cost, share, state.account, groupScoped ? state.lanes[explicit] : null, tenant, why);
        }
        int n = state.lanes.length;
        chosenLane = -1;
        for (int k = 0, i = state.laneCursor % n; k < n; k++, i = i + 1 == n ? 0 : i + 1) {
            laneEarliest[i] = joint(t, cost, share, state.account, state.lanes[i], tenant, null);
            if (laneEarliest[i] == t) { // nothing goes before t, and earlier lanes in turn order could not
                chosenLane = i;
                break;
            }
        }
        if (chosenLane < 0) {
            chosenLane = LaneSelector.pick(laneEarliest, n, state.laneCursor);
        }
        if (why != null) {
            joint(t, cost, share, state.account, state.lanes[chosenLane], tenant, why);
        }
        return laneEarliest[chosenLane];
    }

    /**
     * Fills {@code why} as {@link #earliest} with it would have, right after an {@link #earliest} call for the same
     * intent, t and share with {@code groupScoped} true and nothing changed since: the time is known already, so
     * only the chosen lane's joint check runs again, not every lane's.
     */
    void bind(Intent intent, long t, Priority share, Binding why) {
        joint(t, intent.cost(), share, state.account, chosenLane < 0 ? null : state.lanes[chosenLane],
                tenantSet(intent), why);
    }

    /**
     * Whether {@link #earliest} with {@code groupScoped} false can answer otherwise than with true for this
     * intent: only when it has a tenant set or asked for a lane of the account.
     */
    boolean groupScoped(Intent intent) {
        return tenantSet(intent) != null
                || state.lanes.length > 0 && intent.lane() != null && policy.laneIndex(intent.lane()) >= 0;
    }

    /** Earliest {@code >= t} on one given lane (-1: none), group limits included: re-checks a jittered time. */
    long earliestOn(Intent intent, int lane, long t) {
        return joint(t, intent.cost(), intent.priority(), state.account, lane < 0 ? null : state.lanes[lane],
                tenantSet(intent), null);
    }

    private static long joint(long t, int cost, Priority share, WindowSet a, WindowSet b, WindowSet c,
                              Binding why) {
        long at = a.earliest(t, cost, share, why);
        if (b == null && c == null) {
            return at;
        }
        while (at != Long.MAX_VALUE) {
            long x = b == null ? at : b.earliest(at, cost, share, why);
            x = c == null || x == Long.MAX_VALUE ? x : c.earliest(x, cost, share, why);
            if (x == at) { // a's earliest is its own fixpoint, so a allows at too
                return at;
            }
            x = x == Long.MAX_VALUE ? x : a.earliest(x, cost, share, why);
            if (x == at) {
                return at;
            }
            at = x;
        }
        return at;
    }

    /** Counts a permit in every set it touches. */
    public void commit(Intent intent, int lane, long notBefore, long validUntil) {
        int cost = intent.cost();
        state.account.record(notBefore, validUntil, cost);
        if (lane >= 0) {
            state.lanes[lane].record(notBefore, validUntil, cost);
            state.laneCursor = (lane + 1) % state.lanes.length;
        }
        WindowSet tenant = tenantSet(intent);
        if (tenant != null) {
            tenant.record(notBefore, validUntil, cost);
            tenants.put(intent.tenant(), tenant);
        }
        state.lastNotBefore = Math.max(state.lastNotBefore, notBefore);
    }
}
