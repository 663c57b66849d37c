package io.governor.core.admission;

import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Deferred;
import io.governor.core.decision.AdmissionDecision.Permitted;
import io.governor.core.decision.AdmissionDecision.Redirected;
import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.decision.DeferReason;
import io.governor.core.decision.RejectReason;
import io.governor.core.feedback.FeedbackSignal;
import io.governor.core.feedback.Intents;
import io.governor.core.queue.GroupKey;
import io.governor.core.queue.WaitingIntent;
import io.governor.core.window.WindowSet;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Priority;
import io.governor.schemas.event.QuotaSnapshot;
import io.governor.schemas.policy.AccountPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Admission for one account: decides each intent (permit now, wait, or reject) and releases waiting intents as
 * the windows allow. Single-threaded; time is always handed in. Hosts keep {@link AccountState} (fixed size, see
 * {@link AccountStateCodec}) and {@link AdmissionStores} (unbounded) and call {@link #release} at
 * {@link #nextWakeAt}.
 *
 * <p>A permit gets notBefore = max(now + lookahead, last notBefore granted), or the intent's exact earliest time
 * when that is at most one release tick later, and is granted only when every limit allows it there; otherwise
 * the intent waits. So notBefore never decreases, which the exact window checks need.
 */
public final class AccountAdmission {
    private static final Priority[] PRIORITIES = Priority.values();
    private static final long FAIR_SCALE = 1_000_000L;

    private final String account;
    private final AdmissionPolicy policy;
    private final AccountState state;
    private final AdmissionStores stores;
    private final AdmissionSettings settings;
    private final CapacityCheck capacity;
    private final QueueRules queue;
    private final OutcomeRules feedback;
    private final Refusals refusals;
    private final Deferrals deferrals;
    /** Reused by offer so the uncontended permit path allocates no list. */
    private final List<AdmissionDecision> scratch = new ArrayList<>();

    public AccountAdmission(String account, AdmissionPolicy policy, AccountState state, AdmissionStores stores,
                            AdmissionSettings settings) {
        this.account = account;
        this.policy = policy;
        this.state = state;
        this.stores = stores;
        this.settings = settings;
        this.capacity = new CapacityCheck(policy, state, stores.tenants());
        this.queue = new QueueRules(policy, stores, settings.releaseTickMs());
        this.feedback = new OutcomeRules(policy, state, stores, settings, queue);
        this.refusals = new Refusals(account, policy, stores, capacity);
        this.deferrals = new Deferrals(policy, stores, settings, capacity, feedback);
    }

    /** A fresh account with in-memory stores (simulator, tests). */
    public static AccountAdmission inMemory(String account, AccountPolicy policy, AdmissionSettings settings) {
        AdmissionPolicy compiled = new AdmissionPolicy(policy);
        return new AccountAdmission(account, compiled, new AccountState(compiled), AdmissionStores.inMemory(),
                settings);
    }

    public String account() {
        return account;
    }

    public AdmissionPolicy policy() {
        return policy;
    }

    public AccountState state() {
        return state;
    }

    /** Intents waiting (in the room or NOT_YET). */
    public int queueDepth() {
        return stores.room().size() + stores.pending().size();
    }

    /**
     * When the host should call {@link #release} next: the earliest of the next possible permit of a waiting
     * intent, the next deadline and the next NOT_YET intent becoming eligible. Long.MAX_VALUE when nothing waits.
     */
    public long nextWakeAt() {
        long wake = Math.min(state.nextReleaseAt, stores.deadlines().peekTime());
        wake = Math.min(wake, Math.min(stores.wakeUps().peekTime(), stores.leaseEnds().peekTime()));
        return stores.room().size() == 0 ? wake : Math.min(wake, feedback.nextRecoveryAt());
    }

    /** Pauses the account (as a Retry-After would): nothing on it starts before {@code untilMs}. */
    public void pauseUntil(long untilMs) {
        state.accountFeedback.pauseUntil(untilMs, state.account, policy.source());
        state.nextReleaseAt = Math.min(state.nextReleaseAt, untilMs);
    }

    /** Pauses one lane (as a Retry-After on it would). */
    public void pauseLane(String lane, long untilMs) {
        int i = policy.laneIndex(lane);
        if (i < 0) {
            throw new IllegalArgumentException("account " + account + " has no lane " + lane);
        }
        state.laneFeedback[i].pauseUntil(untilMs, state.lanes[i], policy.source());
        state.nextReleaseAt = Math.min(state.nextReleaseAt, untilMs);
    }

    /** Seam for adaptive limits: every window of the account admits floor(allowed × factor), at least 1. */
    public void setEffectiveFactor(double factor) {
        state.account.setFactor(factor);
        state.nextReleaseAt = Long.MIN_VALUE; // re-evaluate waiting heads at the next release
    }

    /**
     * Learns from the outcome of a permit of this account and returns the decisions it causes: a retry's NOT_YET
     * deferral (the retry is permitted later with attempt + 1), ATTEMPTS_EXHAUSTED or FORBIDDEN rejections, and
     * permits that the freed slot or a lifted pause make possible. Unknown, late or duplicate outcomes change
     * nothing but {@link AccountState#ignoredOutcomes}.
     */
    public List<AdmissionDecision> outcome(Outcome outcome, long nowMs) {
        long now = advance(nowMs);
        List<AdmissionDecision> out = new ArrayList<>();
        feedback.apply(outcome, now, out);
        state.nextReleaseAt = Long.MIN_VALUE; // a slot, a pause or a limit changed: look at the heads again
        out.addAll(release(now));
        return out;
    }

    /** Signals (circuits opened or closed, 403s) since the last call; the host turns them into alerts. */
    public List<FeedbackSignal> drainSignals() {
        if (state.signals.isEmpty()) {
            return List.of();
        }
        List<FeedbackSignal> out = List.copyOf(state.signals);
        state.signals.clear();
        return out;
    }

    /**
     * The account's quota at {@code nowMs}: one snapshot for the account (lane null) and one per lane. Counts
     * and wait percentiles are left for the host to fill.
     */
    public List<QuotaSnapshot> snapshots(long nowMs) {
        feedback.recover(Math.max(nowMs, state.lastNow));
        return QuotaSnapshots.of(account, policy, state, queueDepth(), nowMs);
    }

    private long advance(long now) {
        if (now > state.lastNow) {
            state.lastNow = now;
        }
        return state.lastNow;
    }

    private long base(long now) {
        return Math.max(now + settings.lookaheadMs(), state.lastNotBefore);
    }

    /** How an intent reached this account. */
    private enum Arrival { NEW, FALLBACK, RETURNED }

    /** Decides a new intent; also returns decisions for waiting intents that became due by {@code nowMs}. */
    public List<AdmissionDecision> offer(Intent intent, long nowMs) {
        return offer(intent, Arrival.NEW, nowMs);
    }

    /**
     * Decides an intent whose own account's circuit is open and that came here as its fallback number
     * {@code hop}: admitted here (the Permit names this account) unless this account's circuit is open too,
     * then {@link Redirected} to the next fallback, or back to its own account after the last.
     */
    public List<AdmissionDecision> offerFallback(Intent intent, int hop, long nowMs) {
        long now = advance(nowMs);
        if (feedback.circuitBlocks(base(now))) {
            int next = hop + 1;
            String to = next < intent.fallbacks().size() ? intent.fallbacks().get(next) : intent.account();
            return List.of(new Redirected(intent, to, Math.min(next, intent.fallbacks().size())));
        }
        String lane = intent.lane() != null && policy.laneIndex(intent.lane()) >= 0 ? intent.lane() : null;
        return offer(Intents.withAccount(intent, account, lane), Arrival.FALLBACK, now);
    }

    /**
     * Takes back an intent of this account that found no fallback with a closed circuit: it was marked seen on
     * arrival, so it is not a duplicate; it waits here (CIRCUIT_OPEN) until the circuit lets it go or its
     * deadline passes.
     */
    public List<AdmissionDecision> offerReturned(Intent intent, long nowMs) {
        return offer(intent, Arrival.RETURNED, nowMs);
    }

    private List<AdmissionDecision> offer(Intent intent, Arrival arrival, long nowMs) {
        long now = advance(nowMs);
        List<AdmissionDecision> more = scratch;
        more.clear();
        if (now >= nextWakeAt()) {
            releaseInto(now, more);
        }
        AdmissionDecision first = decideNew(intent, arrival, now, more);
        if (more.isEmpty()) {
            return List.of(first);
        }
        List<AdmissionDecision> out = new ArrayList<>(more);
        if (first != null) {
            out.add(first);
        }
        more.clear();
        return out;
    }

    /** The decision for a new intent; decisions for others it causes go to {@code more}; null if in more. */
    private AdmissionDecision decideNew(Intent intent, Arrival arrival, long now, List<AdmissionDecision> more) {
        stores.seen().expire(now); // accounts that never wait still forget old ids
        if (arrival != Arrival.RETURNED
                && !stores.seen().markSeen(intent.id(), now, now + settings.dedupRetentionMs())) {
            return new Rejected(intent, RejectReason.DUPLICATE,
                    "intent id " + intent.id() + " was already seen within the dedup retention");
        }
        if (queue.holds(intent.id())) { // RETURNED too: it was redirected, never queued here, so this is a replay
            return new Rejected(intent, RejectReason.DUPLICATE,
                    "intent id " + intent.id() + " is still waiting here (it has outlived the dedup retention)");
        }
        Rejected refused = refusals.onArrival(intent, now);
        if (refused != null) {
            return refused;
        }
        if (arrival == Arrival.NEW && !intent.fallbacks().isEmpty() && feedback.circuitBlocks(base(now))) {
            more.add(new Deferred(intent, DeferReason.CIRCUIT_OPEN, null, Long.MAX_VALUE, queueDepth()));
            return new Redirected(intent, intent.fallbacks().get(0), 0);
        }
        long la = settings.lookaheadMs();
        if (intent.notBefore() != null && intent.notBefore() > now + la) {
            return queue.holdNotYet(new WaitingIntent(intent, state.seq++, now, null), intent.notBefore() - la, more);
        }
        boolean roomEmpty = stores.room().size() == 0;
        long t0 = base(now);
        long e = 0;
        boolean known = false; // e stays valid below: shedding and enqueueing leave the windows as they are
        if (roomEmpty && !feedback.concurrencyFull()) {
            e = capacity.earliest(intent, t0, intent.priority(), null, true);
            known = true;
            if (queue.withinTick(e, t0, now + settings.lookaheadMs())) {
                return permit(intent, 0, now, now, e);
            }
        }
        WaitingIntent w = new WaitingIntent(intent, state.seq++, now, null);
        if (roomEmpty) {
            Rejected full = queue.makeRoom(intent, more);
            if (full != null) {
                return full;
            }
            queue.enqueue(w, state);
            Deferred d = known ? deferrals.explain(w, now, t0, e) : deferrals.explain(w, now, t0);
            stores.room().update(w.withReason(d.reason()));
            state.nextReleaseAt = Math.min(state.nextReleaseAt, queue.wakeFor(d, now));
            return d;
        }
        Rejected full = queue.makeRoom(intent, more);
        if (full != null) {
            return full;
        }
        queue.enqueue(w, state);
        drain(now, more);
        WaitingIntent still = stores.room().get(intent.id());
        if (still == null || still.lastReason() != null) {
            return null; // permitted, or its deferral was emitted by the drain
        }
        Deferred d = deferrals.explain(still, now, base(now));
        if (d.retryAt() <= now) { // it could go but waits its turn behind others
            d = new Deferred(intent, DeferReason.RATE_LIMIT, d.bindingWindow(),
                    Math.max(now, state.nextReleaseAt), queueDepth());
        }
        stores.room().update(still.withReason(d.reason()));
        return d;
    }

    /** Grants the intent at t0 (or a jittered time that keeps every limit) on the lane last chosen. */
    private AdmissionDecision permit(Intent intent, int attempt, long arrivedAt, long now, long t0) {
        Rejected copy = feedback.copyInFlight(intent);
        if (copy != null) {
            return copy;
        }
        int lane = capacity.chosenLane();
        long nb = t0;
        long jitter = policy.jitterMs();
        if (jitter > 0) {
            long tj = Math.max(now + settings.lookaheadMs() + settings.random().nextLong(jitter + 1),
                    state.lastNotBefore);
            if (capacity.earliestOn(intent, lane, tj) == tj) {
                nb = tj;
            }
        }
        long vu = nb + policy.validityMs();
        capacity.commit(intent, lane, nb, vu);
        if (intent.job() != null) {
            stores.jobs().add(intent.job(), 1);
        }
        feedback.open(intent, lane, attempt, nb, arrivedAt);
        return new Permitted(intent, lane < 0 ? null : policy.lanes().get(lane), nb, vu, now - arrivedAt, attempt);
    }

    /**
     * Releases what is due at {@code nowMs}: expires intents past their deadline, moves NOT_YET intents whose time
     * came into the queue, and permits waiting intents in priority, fair-turn and arrival order while the limits
     * allow.
     */
    public List<AdmissionDecision> release(long nowMs) {
        List<AdmissionDecision> out = new ArrayList<>();
        releaseInto(advance(nowMs), out);
        return out;
    }

    /** {@link #release} into a list the caller owns (offer's reused one: no list per decision). */
    private void releaseInto(long now, List<AdmissionDecision> out) {
        feedback.expireLeases(now);
        if (feedback.recover(now)) {
            state.nextReleaseAt = Long.MIN_VALUE;
        }
        queue.expire(now, settings.lookaheadMs(), out);
        queue.wakeUp(now, state);
        drain(now, out);
        stores.seen().expire(now);
    }

    private void drain(long now, List<AdmissionDecision> out) {
        long la = settings.lookaheadMs();
        long nextRelease = Long.MAX_VALUE;
        for (Priority p : PRIORITIES) {
            if (stores.room().size() == 0) {
                break;
            }
            List<GroupKey> groups = stores.room().groups(p);
            Set<GroupKey> skipped = null;
            while (!groups.isEmpty()) {
                GroupKey g = queue.pick(groups, skipped);
                if (g == null) {
                    break;
                }
                WaitingIntent w = stores.room().head(g);
                Rejected never = refusals.never(w.intent());
                if (never != null) {
                    queue.remove(w);
                    out.add(never);
                    continue;
                }
                long t0 = base(now);
                if (feedback.concurrencyFull()) {
                    Deferred d = deferrals.explain(w, now, t0);
                    if (d.reason() != w.lastReason()) {
                        out.add(d);
                        stores.room().update(w.withReason(d.reason()));
                    }
                    state.nextReleaseAt = Long.MAX_VALUE; // a lease end or an outcome wakes the account
                    return;
                }
                long e = capacity.earliest(w.intent(), t0, p, null, true);
                if (queue.withinTick(e, t0, now + settings.lookaheadMs())) {
                    long start = stores.room().clock(g);
                    queue.remove(w);
                    state.fairClock[p.ordinal()] = start;
                    stores.room().setClock(g, start + fairCost(w.intent()));
                    out.add(permit(w.intent(), w.attempt(), w.arrivedAt(), now, e));
                    continue;
                }
                Deferred d = deferrals.explain(w, now, t0, e);
                if (d.reason() != w.lastReason()) {
                    out.add(d);
                    stores.room().update(w.withReason(d.reason()));
                }
                nextRelease = Math.min(nextRelease, queue.wakeFor(d, now));
                // Without a tenant set or an asked-for lane, nothing binds the group alone: e is account-wide.
                long accountWide = capacity.groupScoped(w.intent())
                        ? capacity.earliest(w.intent(), t0, p, null, false) : e;
                if (accountWide > t0) {
                    state.nextReleaseAt = nextRelease; // the account itself is full: strict priority stops here
                    return;
                }
                if (skipped == null) {
                    skipped = new HashSet<>();
                }
                skipped.add(g);
            }
        }
        state.nextReleaseAt = stores.room().size() == 0 ? Long.MAX_VALUE : nextRelease;
    }

    private long fairCost(Intent intent) {
        double w = intent.tenant() == null ? 1.0 : policy.weightOf(intent.tenant());
        return (long) Math.ceil(intent.cost() * FAIR_SCALE / w);
    }

    /** Window set of the account, for snapshots. */
    public WindowSet accountWindows() {
        return state.account;
    }
}
