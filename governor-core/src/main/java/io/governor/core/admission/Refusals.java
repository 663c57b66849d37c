package io.governor.core.admission;

import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.decision.RejectReason;
import io.governor.schemas.event.Intent;

/** Rejections that need no queue: a lane the account lacks, a deadline already past, a budget spent. */
final class Refusals {
    private final String account;
    private final AdmissionPolicy policy;
    private final AdmissionStores stores;
    private final CapacityCheck capacity;

    Refusals(String account, AdmissionPolicy policy, AdmissionStores stores, CapacityCheck capacity) {
        this.account = account;
        this.policy = policy;
        this.stores = stores;
        this.capacity = capacity;
    }

    /** Rejections decided on arrival, before the intent touches any queue or counter. */
    Rejected onArrival(Intent intent, long now) {
        if (intent.lane() != null && policy.laneIndex(intent.lane()) < 0) {
            return new Rejected(intent, RejectReason.UNKNOWN_ACCOUNT, "account " + account + " has no lane "
                    + intent.lane() + (policy.lanes().isEmpty() ? " (it has no lanes)" : " (lanes: "
                    + String.join(", ", policy.lanes()) + ")"));
        }
        Rejected never = never(intent);
        if (never != null) {
            return never;
        }
        if (intent.deadline() != null && intent.deadline() < now) {
            return new Rejected(intent, RejectReason.EXPIRED,
                    "deadline " + intent.deadline() + " had passed on arrival at " + now);
        }
        return null;
    }

    /** Rejections that hold whenever they are checked: job budget spent, or a cost no window can hold. */
    Rejected never(Intent intent) {
        if (intent.job() != null && stores.jobs().used(intent.job()) >= policy.jobMaxCalls()) {
            return new Rejected(intent, RejectReason.BUDGET_EXHAUSTED, "job " + intent.job() + " used its "
                    + policy.jobMaxCalls() + " calls (job.maxCalls)");
        }
        long max = capacity.maxCost(intent);
        if (intent.cost() > max) {
            return new Rejected(intent, RejectReason.BUDGET_EXHAUSTED, "cost " + intent.cost()
                    + " exceeds the " + max + " units a window of account " + account + " admits at priority "
                    + intent.priority());
        }
        return null;
    }
}
