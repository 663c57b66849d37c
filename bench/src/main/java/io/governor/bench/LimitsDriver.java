package io.governor.bench;

import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.lane.LaneSelector;
import io.governor.core.window.WindowSet;

/**
 * The core's limit decision alone, which is what Bucket4j decides: the window sets an admission checks (the
 * account's, and the lane {@link LaneSelector} picks as the admission does, jointly with the account's), the
 * permit counted in both, without the exact dedup, the lease, the queue and the decision object that
 * {@link CoreDriver} pays for around them. Same scenario, clock and step as {@link Bucket4jDriver}.
 */
public final class LimitsDriver {
    private final WindowSet account;
    private final WindowSet[] lanes;
    private final long[] earliest;
    private final long validityMs;
    private final long step;
    private long now = Scenario.START_MS;
    private int cursor;

    public LimitsDriver(Scenario scenario) {
        AdmissionPolicy policy = new AdmissionPolicy(scenario.policy());
        this.account = policy.newAccountSet();
        this.lanes = new WindowSet[policy.lanes().size()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = policy.newLaneSet(i);
        }
        this.earliest = new long[Math.max(1, lanes.length)];
        this.validityMs = policy.validityMs();
        this.step = scenario.permitStepMs;
    }

    /** Permit path: the clock moves by the scenario's step, then one unit is asked for (true = permitted now). */
    public boolean permitOnce() {
        now += step;
        return tryPermit(now);
    }

    /** Refused path: the clock stands still; the time until a permit could go (0 when it went). */
    public long refusedOnce() {
        return tryPermit(now) ? 0 : earliest[pick()] - now;
    }

    private boolean tryPermit(long t) {
        if (lanes.length == 0) {
            earliest[0] = account.earliest(t, 1, null, null);
            if (earliest[0] != t) {
                return false;
            }
            account.record(t, t + validityMs, 1);
            return true;
        }
        for (int i = 0; i < lanes.length; i++) {
            earliest[i] = jointly(lanes[i], t);
        }
        int lane = pick();
        if (earliest[lane] != t) {
            return false;
        }
        account.record(t, t + validityMs, 1);
        lanes[lane].record(t, t + validityMs, 1);
        cursor = lane + 1 == lanes.length ? 0 : lane + 1;
        return true;
    }

    private int pick() {
        return lanes.length == 0 ? 0 : LaneSelector.pick(earliest, lanes.length, cursor);
    }

    /** Least time {@code >= t} both the account's set and the lane's allow (each answer is its own fixpoint). */
    private long jointly(WindowSet lane, long t) {
        long at = t;
        while (true) {
            long next = lane.earliest(account.earliest(at, 1, null, null), 1, null, null);
            if (next == at || next == Long.MAX_VALUE) {
                return next;
            }
            at = next;
        }
    }
}
