package io.governor.core.admission;

import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.decision.DeferReason;
import io.governor.core.decision.RejectReason;
import io.governor.core.feedback.Intents;
import io.governor.core.feedback.Lease;
import io.governor.core.feedback.OutcomeClass;
import io.governor.core.feedback.RetryBackoff;
import io.governor.core.feedback.ScopeFeedback;
import io.governor.core.queue.WaitingIntent;
import io.governor.core.window.WindowSet;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.policy.AccountPolicy;
import java.util.List;

/**
 * The feedback side of admission: leases of permits in flight, and what an outcome does to them — it frees a
 * concurrency slot, teaches the scope it names (adaptive factor, pauses, circuit, header sync) and puts a
 * failed intent back in the queue for a retry or rejects it for good.
 */
final class OutcomeRules {
    private final AdmissionPolicy policy;
    private final AccountPolicy source;
    private final AccountState state;
    private final AdmissionStores stores;
    private final AdmissionSettings settings;
    private final QueueRules queue;
    private final long leaseMs;

    OutcomeRules(AdmissionPolicy policy, AccountState state, AdmissionStores stores, AdmissionSettings settings,
                 QueueRules queue) {
        this.policy = policy;
        this.source = policy.source();
        this.state = state;
        this.stores = stores;
        this.settings = settings;
        this.queue = queue;
        this.leaseMs = source.lease().toMillis();
    }

    /** True when {@code concurrency} permits are in flight. */
    boolean concurrencyFull() {
        Integer max = source.concurrency();
        return max != null && state.inFlight >= max;
    }

    /**
     * A rejection for an intent whose id has a permit in flight: a copy that came after the dedup retention. It
     * must not run beside the first, nor replace its lease while that call may still be running (its slot would
     * be freed early). Asked just before {@link #open}, which therefore needs no look of its own.
     */
    Rejected copyInFlight(Intent intent) {
        return stores.leases().get(intent.id()) == null ? null : new Rejected(intent, RejectReason.DUPLICATE,
                "intent id " + intent.id() + " has a permit in flight (this copy outlived the dedup retention)");
    }

    /** Remembers a permit until its outcome or lease end; no lease of the intent's id is open. */
    void open(Intent intent, int lane, int attempt, long notBefore, long arrivedAt) {
        long end = notBefore + leaseMs;
        stores.leases().put(new Lease(intent, lane < 0 ? null : policy.lanes().get(lane), attempt, notBefore, end,
                arrivedAt));
        stores.leaseEnds().add(end, intent.id());
        state.inFlight++;
        state.accountFeedback.leaseOpened();
        state.accountFeedback.circuit().permitted(notBefore);
        if (lane >= 0) {
            state.laneFeedback[lane].leaseOpened();
            state.laneFeedback[lane].circuit().permitted(notBefore);
            state.lanes[lane].pauseUntil(state.laneFeedback[lane].blockedUntil(source));
        }
        state.account.pauseUntil(state.accountFeedback.blockedUntil(source));
    }

    private void close(Lease lease, boolean indexed) {
        stores.leases().remove(lease.id());
        if (indexed) {
            stores.leaseEnds().remove(lease.leaseEnd(), lease.id());
        }
        freeSlot(lease);
    }

    /** Frees the concurrency slot of a lease already out of both stores; returns its lane (-1: none). */
    private int freeSlot(Lease lease) {
        state.inFlight = Math.max(0, state.inFlight - 1);
        state.accountFeedback.leaseClosed();
        int lane = lease.lane() == null ? -1 : policy.laneIndex(lease.lane());
        if (lane >= 0) {
            state.laneFeedback[lane].leaseClosed();
        }
        return lane;
    }

    /** Ends leases whose time is up: their slots free, a half-open probe that never reported makes room. */
    void expireLeases(long now) {
        String id;
        while ((id = stores.leaseEnds().pollDue(now)) != null) {
            Lease lease = stores.leases().remove(id);
            if (lease == null) {
                continue;
            }
            int lane = freeSlot(lease);
            state.accountFeedback.circuit().probeReturned(lease.notBefore());
            state.account.pauseUntil(state.accountFeedback.blockedUntil(source));
            if (lane >= 0) {
                state.laneFeedback[lane].circuit().probeReturned(lease.notBefore());
                state.lanes[lane].pauseUntil(state.laneFeedback[lane].blockedUntil(source));
            }
        }
    }

    /** Applies adaptive recovery to every scope; true when a factor grew. */
    boolean recover(long now) {
        boolean grew = state.accountFeedback.recover(now, state.account, source);
        for (int i = 0; i < state.lanes.length; i++) {
            grew |= state.laneFeedback[i].recover(now, state.lanes[i], source);
        }
        return grew;
    }

    /** When a factor of some scope grows next (Long.MAX_VALUE when all are whole). */
    long nextRecoveryAt() {
        long at = state.accountFeedback.nextRecoveryAt(state.account, source);
        for (int i = 0; i < state.lanes.length; i++) {
            at = Math.min(at, state.laneFeedback[i].nextRecoveryAt(state.lanes[i], source));
        }
        return at;
    }

    /**
     * Applies an outcome; decisions it causes (a retry's NOT_YET deferral, ATTEMPTS_EXHAUSTED, FORBIDDEN) go to
     * {@code out}. Outcomes of unknown or ended leases, or of another attempt, are counted and ignored.
     */
    void apply(Outcome o, long now, List<AdmissionDecision> out) {
        Lease lease = stores.leases().get(o.intentId());
        if (lease == null || lease.attempt() != o.attempt()) {
            state.ignoredOutcomes++;
            return;
        }
        close(lease, true);
        OutcomeClass kind = OutcomeClass.of(o);
        String laneName = o.lane() != null && policy.laneIndex(o.lane()) >= 0 ? o.lane() : lease.lane();
        int lane = laneName == null ? -1 : policy.laneIndex(laneName);
        ScopeFeedback scope = lane < 0 ? state.accountFeedback : state.laneFeedback[lane];
        WindowSet set = lane < 0 ? state.account : state.lanes[lane];
        scope.learn(o, kind, lease.notBefore(), now, state.lastNotBefore, set, source, lane < 0 ? null : laneName,
                state.signals);
        Intent intent = lease.intent();
        if (kind == OutcomeClass.FORBIDDEN) {
            out.add(new Rejected(intent, RejectReason.FORBIDDEN, "the upstream answered 403 to attempt "
                    + lease.attempt() + (laneName == null ? "" : " on lane " + laneName)));
        } else if (kind.retryable()) {
            int max = RetryBackoff.maxAttempts(intent.maxAttempts(), source.retry());
            if (lease.attempt() + 1 < max) {
                long at = now + RetryBackoff.delayMs(source.retry(), lease.attempt(), settings.random());
                long la = settings.lookaheadMs();
                var w = new WaitingIntent(Intents.withNotBefore(intent, at), state.seq++, lease.arrivedAt(), null,
                        lease.attempt() + 1);
                out.add(queue.holds(intent.id()) // a copy that outlived the dedup retention waits: it goes instead
                        ? new Rejected(intent, RejectReason.DUPLICATE, "attempt " + lease.attempt() + " ended "
                                + describe(o) + " and a copy of intent id " + intent.id() + " is already waiting")
                        : queue.holdNotYet(w, at - la, out));
            } else {
                out.add(new Rejected(intent, RejectReason.ATTEMPTS_EXHAUSTED, "attempt " + lease.attempt()
                        + " ended " + describe(o) + " and " + max + " attempts are allowed"));
            }
        }
    }

    private static String describe(Outcome o) {
        return o.error() != null ? "with " + o.error() : "with status " + o.status();
    }

    /**
     * True when the account cannot serve anything at {@code t} for feedback reasons its fallbacks may not share:
     * its own circuit is open (or busy half-open) or it is forbidden, or so is every lane it has.
     */
    boolean circuitBlocks(long t) {
        if (blockedByFeedback(state.accountFeedback, t)) {
            return true;
        }
        if (state.lanes.length == 0) {
            return false;
        }
        for (ScopeFeedback lane : state.laneFeedback) {
            if (!blockedByFeedback(lane, t)) {
                return false;
            }
        }
        return true;
    }

    private boolean blockedByFeedback(ScopeFeedback scope, long t) {
        DeferReason r = scope.pauseReason(t, source);
        return r == DeferReason.CIRCUIT_OPEN || r == DeferReason.FORBIDDEN;
    }

    /** Why a paused intent waits: the account's feedback first, else that of the lanes that could serve it. */
    DeferReason pauseReason(Intent intent, long t0) {
        DeferReason r = state.accountFeedback.pauseReason(t0, source);
        if (r != null) {
            return r;
        }
        int asked = intent.lane() == null ? -1 : policy.laneIndex(intent.lane());
        for (int i = 0; i < state.lanes.length; i++) {
            if (asked < 0 || asked == i) {
                DeferReason lane = state.laneFeedback[i].pauseReason(t0, source);
                if (lane != null && (r == null || lane.ordinal() < r.ordinal())) {
                    r = lane;
                }
            }
        }
        return r == null ? DeferReason.PAUSED : r;
    }

}
