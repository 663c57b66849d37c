package io.governor.core.admission;

import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Deferred;
import io.governor.core.decision.AdmissionDecision.Permitted;
import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.decision.DeferReason;
import io.governor.core.decision.RejectReason;
import io.governor.core.queue.GroupKey;
import io.governor.core.queue.WaitingIntent;
import io.governor.core.window.Binding;
import io.governor.core.window.WindowSet;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
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
 * <p>A permit gets notBefore = max(now + lookahead, last notBefore granted) and is granted only when every limit
 * allows it there; otherwise the intent waits. So notBefore never decreases, which the exact window checks need.
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
        this.queue = new QueueRules(policy, stores);
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
        return Math.min(wake, stores.wakeUps().peekTime());
    }

    /** Seam for circuits and 403s: nothing on this account starts before {@code untilMs}. */
    public void pauseUntil(long untilMs) {
        state.account.pauseUntil(untilMs);
        state.nextReleaseAt = Math.min(state.nextReleaseAt, untilMs);
    }

    /** Seam for lane-level pauses. */
    public void pauseLane(String lane, long untilMs) {
        int i = policy.laneIndex(lane);
        if (i < 0) {
            throw new IllegalArgumentException("account " + account + " has no lane " + lane);
        }
        state.lanes[i].pauseUntil(untilMs);
    }

    /** Seam for adaptive limits: every window of the account admits floor(allowed × factor), at least 1. */
    public void setEffectiveFactor(double factor) {
        state.account.setFactor(factor);
        state.nextReleaseAt = Long.MIN_VALUE; // re-evaluate waiting heads at the next release
    }

    /** Seam for the concurrency issue: an outcome arrived for a permit. */
    public void outcomeReceived() {
        state.inFlight = Math.max(0, state.inFlight - 1);
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

    /** Decides a new intent; also returns decisions for waiting intents that became due by {@code nowMs}. */
    public List<AdmissionDecision> offer(Intent intent, long nowMs) {
        long now = advance(nowMs);
        List<AdmissionDecision> more = scratch;
        more.clear();
        if (now >= nextWakeAt()) {
            more.addAll(release(now));
        }
        AdmissionDecision first = decideNew(intent, now, more);
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
    private AdmissionDecision decideNew(Intent intent, long now, List<AdmissionDecision> more) {
        stores.seen().expire(now); // accounts that never wait still forget old ids
        if (!stores.seen().markSeen(intent.id(), now, now + settings.dedupRetentionMs())) {
            return new Rejected(intent, RejectReason.DUPLICATE,
                    "intent id " + intent.id() + " was already seen within the dedup retention");
        }
        Rejected refused = refusal(intent, now);
        if (refused != null) {
            return refused;
        }
        long la = settings.lookaheadMs();
        if (intent.notBefore() != null && intent.notBefore() > now + la) {
            return queue.holdNotYet(new WaitingIntent(intent, state.seq++, now, null), intent.notBefore() - la, more);
        }
        boolean roomEmpty = stores.room().size() == 0;
        long t0 = base(now);
        if (roomEmpty && capacity.earliest(intent, t0, intent.priority(), null, true) <= t0) {
            return permit(intent, now, now, t0);
        }
        WaitingIntent w = new WaitingIntent(intent, state.seq++, now, null);
        if (roomEmpty) {
            Rejected full = queue.makeRoom(intent, more);
            if (full != null) {
                return full;
            }
            queue.enqueue(w, state);
            Deferred d = explain(w, now, t0);
            stores.room().update(w.withReason(d.reason()));
            state.nextReleaseAt = Math.min(state.nextReleaseAt, d.retryAt());
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
        Deferred d = explain(still, now, base(now));
        if (d.retryAt() <= now) { // it could go but waits its turn behind others
            d = new Deferred(intent, DeferReason.RATE_LIMIT, d.bindingWindow(),
                    Math.max(now, state.nextReleaseAt), queueDepth());
        }
        stores.room().update(still.withReason(d.reason()));
        return d;
    }

    /** Rejections decided on arrival, before the intent touches any queue or counter. */
    private Rejected refusal(Intent intent, long now) {
        if (intent.lane() != null && policy.laneIndex(intent.lane()) < 0) {
            return new Rejected(intent, RejectReason.UNKNOWN_ACCOUNT, "account " + account + " has no lane "
                    + intent.lane() + (policy.lanes().isEmpty() ? " (it has no lanes)" : " (lanes: "
                    + String.join(", ", policy.lanes()) + ")"));
        }
        Rejected never = neverAdmissible(intent);
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
    private Rejected neverAdmissible(Intent intent) {
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

    /** Grants the intent at t0 (or a jittered time that keeps every limit) on the lane last chosen. */
    private Permitted permit(Intent intent, long arrivedAt, long now, long t0) {
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
        state.inFlight++;
        return new Permitted(intent, lane < 0 ? null : policy.lanes().get(lane), nb, vu, now - arrivedAt, 0);
    }

    /**
     * Releases what is due at {@code nowMs}: expires intents past their deadline, moves NOT_YET intents whose time
     * came into the queue, and permits waiting intents in priority, fair-turn and arrival order while the limits
     * allow.
     */
    public List<AdmissionDecision> release(long nowMs) {
        long now = advance(nowMs);
        List<AdmissionDecision> out = new ArrayList<>();
        queue.expire(now, settings.lookaheadMs(), out);
        queue.wakeUp(now, state);
        drain(now, out);
        stores.seen().expire(now);
        return out;
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
                Rejected never = neverAdmissible(w.intent());
                if (never != null) {
                    queue.remove(w);
                    out.add(never);
                    continue;
                }
                long t0 = base(now);
                long e = capacity.earliest(w.intent(), t0, p, null, true);
                if (e <= t0) {
                    long start = stores.room().clock(g);
                    queue.remove(w);
                    state.fairClock[p.ordinal()] = start;
                    stores.room().setClock(g, start + fairCost(w.intent()));
                    out.add(permit(w.intent(), w.arrivedAt(), now, t0));
                    continue;
                }
                Deferred d = explain(w, now, t0);
                if (d.reason() != w.lastReason()) {
                    out.add(d);
                    stores.room().update(w.withReason(d.reason()));
                }
                nextRelease = Math.min(nextRelease, d.retryAt());
                if (capacity.earliest(w.intent(), t0, p, null, false) > t0) {
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

    /** Why a waiting intent cannot go at t0, which window binds and when it could be released. */
    private Deferred explain(WaitingIntent w, long now, long t0) {
        Intent intent = w.intent();
        Binding why = new Binding();
        long e = capacity.earliest(intent, t0, intent.priority(), why, true);
        DeferReason reason;
        String window = why.window();
        if (why.kind() == Binding.Kind.PAUSED) {
            reason = DeferReason.PAUSED;
        } else if (e > t0 && capacity.earliest(intent, t0, null, null, true) <= t0) {
            reason = DeferReason.PRIORITY_RESERVE;
        } else {
            reason = DeferReason.RATE_LIMIT;
        }
        long retryAt = e == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(now, e - settings.lookaheadMs());
        return new Deferred(intent, reason, window, retryAt, queueDepth());
    }

    /** Window set of the account, for snapshots. */
    public WindowSet accountWindows() {
        return state.account;
    }
}
