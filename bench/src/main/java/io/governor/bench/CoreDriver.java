package io.governor.bench;

import io.governor.core.admission.AccountAdmission;
import io.governor.core.admission.AccountState;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.admission.AdmissionStores;
import io.governor.core.decision.AdmissionDecision;
import io.governor.schemas.event.Intent;
import java.util.List;

/**
 * One account of the core on a virtual clock, fed from a pool of pre-built intents with distinct ids (a host
 * receives intents already decoded, so building them is not part of a decision). The pool is large enough that
 * no id comes back within the dedup retention, so every offer is a fresh intent.
 */
public final class CoreDriver {
    static final int POOL = 1 << 18;

    private final AccountAdmission admission;
    private final AdmissionStores stores;
    private final Intent[] intents;
    private final long step;
    private int next;
    private long now = Scenario.START_MS;

    public CoreDriver(Scenario scenario, String account) {
        AdmissionPolicy policy = new AdmissionPolicy(scenario.policy());
        this.stores = AdmissionStores.inMemory();
        this.admission = new AccountAdmission(account, policy, new AccountState(policy), stores,
                scenario.settings());
        this.step = scenario.permitStepMs;
        this.intents = new Intent[POOL];
        for (int i = 0; i < POOL; i++) {
            intents[i] = Intent.of(account + "-" + i, account);
        }
    }

    public AccountAdmission admission() {
        return admission;
    }

    public AdmissionStores stores() {
        return stores;
    }

    public long now() {
        return now;
    }

    private Intent nextIntent() {
        Intent intent = intents[next];
        next = (next + 1) & (POOL - 1);
        return intent;
    }

    /**
     * What the harness alone costs per permit: the clock step and the next intent of the pool read (the fields
     * an offer reads). The pool is far larger than the cache, so this is mostly the cache miss a host does not
     * pay for an intent it has just decoded; subtract it to compare with Bucket4j, which gets no intent at all.
     */
    public long harnessOnce() {
        now += step;
        Intent intent = nextIntent();
        return now ^ intent.id().hashCode() ^ intent.cost() ^ intent.priority().ordinal()
                ^ (intent.lane() == null ? 0 : 1) ^ (intent.notBefore() == null ? 0 : 2)
                ^ intent.fallbacks().size();
    }

    /** Permit path: one offer, the clock moved on by the scenario's step so that no limit binds. */
    public AdmissionDecision permitOnce() {
        now += step;
        return admission.offer(nextIntent(), now).get(0);
    }

    /**
     * Binding path: {@code batch} intents arrive at one instant (all but possibly the first are deferred), then
     * the host calls release at each {@code nextWakeAt()} until all were permitted. Returns the decisions made.
     */
    public int bindingBatch(int batch, DecisionSink sink) {
        int decisions = 0;
        for (int i = 0; i < batch; i++) {
            List<AdmissionDecision> ds = admission.offer(nextIntent(), now);
            decisions += ds.size();
            sink.accept(ds);
        }
        while (admission.queueDepth() > 0) {
            now = Math.max(now, admission.nextWakeAt());
            List<AdmissionDecision> ds = admission.release(now);
            decisions += ds.size();
            sink.accept(ds);
        }
        return decisions;
    }

    /** Where the binding path's decisions go: a JMH Blackhole, or a checker in the smoke test. */
    @FunctionalInterface
    public interface DecisionSink {
        void accept(List<AdmissionDecision> decisions);
    }
}
