package io.governor.streams.topology;

import io.governor.core.decision.AdmissionDecision;
import io.governor.schemas.event.Deferral;
import io.governor.schemas.event.DeferralReason;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Rejection;
import io.governor.schemas.event.RejectionReason;

/** The contract's events for the core's decisions; one mapping shared by the topology and the simulator. */
public final class DecisionEvents {
    private DecisionEvents() {
    }

    /**
     * Permit, Deferral or Rejection for {@code decision}, stamped {@code nowMs}. A Redirected decision is no
     * event: the host forwards the intent to the fallback account instead.
     */
    public static Object of(AdmissionDecision decision, long nowMs) {
        if (decision instanceof AdmissionDecision.Redirected r) {
            throw new IllegalArgumentException("a redirect of intent " + r.intent().id() + " to " + r.toAccount()
                    + " is forwarded, not published");
        }
        if (decision instanceof AdmissionDecision.Permitted p) {
            return permit(p, nowMs);
        }
        if (decision instanceof AdmissionDecision.Deferred d) {
            return deferral(d, nowMs);
        }
        var r = (AdmissionDecision.Rejected) decision;
        return rejection(r.intent(), RejectionReason.valueOf(r.reason().name()), r.detail(), nowMs);
    }

    public static Permit permit(AdmissionDecision.Permitted p, long nowMs) {
        Intent i = p.intent();
        return new Permit(i.id(), i.account(), p.lane(), i.tenant(), i.priority(), i.cost(), p.attempt(), nowMs,
                p.notBefore(), p.validUntil(), p.waitedMs(), i.request(), i.attributes());
    }

    public static Deferral deferral(AdmissionDecision.Deferred d, long nowMs) {
        return new Deferral(d.intent().id(), d.intent().account(), DeferralReason.valueOf(d.reason().name()),
                d.bindingWindow(), d.retryAt() == Long.MAX_VALUE ? null : d.retryAt(), d.queueDepth(), nowMs);
    }

    public static Rejection rejection(Intent intent, RejectionReason reason, String detail, long nowMs) {
        return new Rejection(intent.id(), intent.account(), reason, detail, nowMs);
    }
}
