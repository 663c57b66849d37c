package io.governor.core.admission;

import io.governor.core.decision.AdmissionDecision.Deferred;
import io.governor.core.decision.DeferReason;
import io.governor.core.queue.WaitingIntent;
import io.governor.core.window.Binding;
import io.governor.schemas.event.Intent;

/** Why a waiting intent cannot go at t0: the reason, the binding window and when it could be released. */
final class Deferrals {
    private final AdmissionPolicy policy;
    private final AdmissionStores stores;
    private final AdmissionSettings settings;
    private final CapacityCheck capacity;
    private final OutcomeRules feedback;
    /** Reused: what bound a deferral. */
    private final Binding binding = new Binding();

    Deferrals(AdmissionPolicy policy, AdmissionStores stores, AdmissionSettings settings, CapacityCheck capacity,
              OutcomeRules feedback) {
        this.policy = policy;
        this.stores = stores;
        this.settings = settings;
        this.capacity = capacity;
        this.feedback = feedback;
    }

    /** The deferral of a waiting intent at t0 (the lookahead point, or the last notBefore granted). */
    Deferred explain(WaitingIntent w, long now, long t0) {
        if (feedback.concurrencyFull()) {
            return concurrencyDeferral(w.intent(), now);
        }
        return explain(w, now, t0, capacity.earliest(w.intent(), t0, w.intent().priority(), null, true));
    }

    /**
     * {@link #explain(WaitingIntent, long, long)} when the caller has just computed {@code e} =
     * capacity.earliest(intent, t0, its priority, null, true) and changed nothing since: the deferral path needs
     * it several times per intent, and each lane's check is the bulk of a deferral's cost.
     */
    Deferred explain(WaitingIntent w, long now, long t0, long e) {
        Intent intent = w.intent();
        if (feedback.concurrencyFull()) {
            return concurrencyDeferral(intent, now);
        }
        Binding why = binding;
        why.clear();
        capacity.bind(intent, t0, intent.priority(), why);
        DeferReason reason;
        if (why.kind() == Binding.Kind.PAUSED) {
            reason = feedback.pauseReason(intent, t0);
        } else if (e > t0 && policy.hasPriorityReserve() // else the full share binds just as the priority's does
                && capacity.earliest(intent, t0, null, null, true) <= t0) {
            reason = DeferReason.PRIORITY_RESERVE;
        } else {
            reason = DeferReason.RATE_LIMIT;
        }
        long retryAt = e == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(now, e - settings.lookaheadMs());
        return new Deferred(intent, reason, why.window(), retryAt, depth());
    }

    private Deferred concurrencyDeferral(Intent intent, long now) {
        long end = stores.leaseEnds().peekTime();
        return new Deferred(intent, DeferReason.CONCURRENCY, null, end == Long.MAX_VALUE ? end : Math.max(now, end),
                depth());
    }

    private int depth() {
        return stores.room().size() + stores.pending().size();
    }
}
