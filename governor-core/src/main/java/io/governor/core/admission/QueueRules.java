package io.governor.core.admission;

import io.governor.core.decision.AdmissionDecision;
import io.governor.core.decision.AdmissionDecision.Deferred;
import io.governor.core.decision.AdmissionDecision.Rejected;
import io.governor.core.decision.DeferReason;
import io.governor.core.decision.RejectReason;
import io.governor.core.queue.GroupKey;
import io.governor.core.queue.WaitingIntent;
import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import java.util.List;
import java.util.Set;

/**
 * The queue side of admission: holding, ordering, shedding, expiring and waking intents over the stores. Keeps
 * the deadline index in step with the room and the NOT_YET hold.
 */
final class QueueRules {
    private static final Priority[] PRIORITIES = Priority.values();

    private final AdmissionPolicy policy;
    private final AdmissionStores stores;
    private final long releaseTickMs;

    QueueRules(AdmissionPolicy policy, AdmissionStores stores, long releaseTickMs) {
        this.policy = policy;
        this.stores = stores;
        this.releaseTickMs = releaseTickMs;
    }

    /**
     * Whether an intent whose earliest notBefore is {@code e} goes now, at e: at once when it fits at {@code t0}
     * (the lookahead point, or the last notBefore granted when that is later), or when e is at most one release
     * tick past {@code horizon} = now + lookahead, rather than at the first tick after it. The tick is measured
     * from now, not from the last notBefore: otherwise each permit would extend the next one's reach and a burst
     * would be permitted seconds ahead, past what the lookahead allows.
     */
    boolean withinTick(long e, long t0, long horizon) {
        return e <= t0 || e - horizon <= releaseTickMs;
    }

    /**
     * When to look at a deferred head again: one release tick before its retryAt, so a host releasing on a tick
     * grid still finds its earliest time within the tick ({@link #withinTick}) and permits it exactly then.
     * Never at or before now, which would have the host release again at once.
     */
    long wakeFor(Deferred d, long now) {
        long at = d.retryAt();
        if (at == Long.MAX_VALUE || d.reason() == DeferReason.CONCURRENCY) {
            return at; // a lease end or an outcome wakes the account, not time
        }
        long early = at - releaseTickMs;
        return early > now ? early : at;
    }

    private int depth() {
        return stores.room().size() + stores.pending().size();
    }

    /**
     * Whether an intent with this id waits here (queued or held until its notBefore). Asked of an id that passed
     * the dedup check: a copy can outlive the retention while it waits, and a second copy in the queue would
     * replace its index entry (and a drain refusing it would never get past it).
     */
    boolean holds(String intentId) {
        return stores.room().size() > 0 && stores.room().get(intentId) != null
                || stores.pending().size() > 0 && stores.pending().get(intentId) != null;
    }

    /** Holds an intent whose notBefore is ahead until {@code eligibleAt}; or refuses it at a full queue. */
    AdmissionDecision holdNotYet(WaitingIntent w, long eligibleAt, List<AdmissionDecision> more) {
        Rejected full = makeRoom(w.intent(), more);
        if (full != null) {
            return full;
        }
        WaitingIntent held = w.withReason(DeferReason.NOT_YET);
        stores.pending().put(held);
        stores.wakeUps().add(eligibleAt, w.id());
        indexDeadline(w.intent());
        return new Deferred(w.intent(), DeferReason.NOT_YET, null, eligibleAt, depth());
    }

    /**
     * At a full queue, sheds the newest intent of the lowest priority below the newcomer's (its rejection goes
     * to {@code more}), else refuses the newcomer. Null when there is room.
     */
    Rejected makeRoom(Intent newcomer, List<AdmissionDecision> more) {
        int max = policy.queueMax();
        if (depth() < max) {
            return null;
        }
        for (int p = PRIORITIES.length - 1; p > newcomer.priority().ordinal(); p--) {
            WaitingIntent victim = stores.room().newest(PRIORITIES[p]);
            if (victim != null) {
                remove(victim);
                more.add(new Rejected(victim.intent(), RejectReason.SHED, "shed from the full queue (queue.max "
                        + max + ") for " + newcomer.priority() + " intent " + newcomer.id()));
                return null;
            }
        }
        return new Rejected(newcomer, RejectReason.QUEUE_FULL, "queue of account " + newcomer.account()
                + " holds queue.max = " + max + " intents");
    }

    void enqueue(WaitingIntent w, AccountState state) {
        stores.room().append(w, state.fairClock[w.intent().priority().ordinal()]);
        indexDeadline(w.intent());
    }

    private void indexDeadline(Intent intent) {
        if (intent.deadline() != null) {
            stores.deadlines().add(expiryOf(intent), intent.id());
        }
    }

    /** The first instant the intent is late: it may be permitted up to and including its deadline. */
    private static long expiryOf(Intent intent) {
        return intent.deadline() + 1;
    }

    /** Removes a waiting intent from the room and the deadline index. */
    void remove(WaitingIntent w) {
        stores.room().remove(w.id());
        if (w.intent().deadline() != null) {
            stores.deadlines().remove(expiryOf(w.intent()), w.id());
        }
    }

    /** Rejects every waiting or held intent whose deadline passed by {@code now}. */
    void expire(long now, long lookaheadMs, List<AdmissionDecision> out) {
        String id;
        while ((id = stores.deadlines().pollDue(now)) != null) {
            WaitingIntent w = stores.room().remove(id);
            if (w == null) {
                w = stores.pending().remove(id);
                if (w != null) {
                    stores.wakeUps().remove(w.intent().notBefore() - lookaheadMs, id);
                }
            }
            if (w != null) {
                out.add(new Rejected(w.intent(), RejectReason.EXPIRED, "deadline " + w.intent().deadline()
                        + " passed after waiting " + (now - w.arrivedAt()) + " ms"));
            }
        }
    }

    /** Moves held NOT_YET intents whose notBefore is within the lookahead into the room, as new arrivals. */
    void wakeUp(long now, AccountState state) {
        String id;
        while ((id = stores.wakeUps().pollDue(now)) != null) {
            WaitingIntent w = stores.pending().remove(id);
            if (w != null) {
                stores.room().append(w.withSeq(state.seq++), state.fairClock[w.intent().priority().ordinal()]);
            }
        }
    }

    /**
     * The group to serve next among {@code groups} (skipping emptied and {@code skipped} ones): with fair
     * tenants the least fair clock (start-time fair queueing), else the oldest head; ties go to the oldest head.
     */
    GroupKey pick(List<GroupKey> groups, Set<GroupKey> skipped) {
        boolean fair = policy.fairTenants();
        GroupKey best = null;
        long bestClock = 0;
        long bestSeq = 0;
        for (GroupKey g : groups) {
            if (skipped != null && skipped.contains(g)) {
                continue;
            }
            WaitingIntent head = stores.room().head(g);
            if (head == null) {
                continue;
            }
            long clock = fair ? stores.room().clock(g) : 0;
            if (best == null || clock < bestClock || (clock == bestClock && head.seq() < bestSeq)) {
                best = g;
                bestClock = clock;
                bestSeq = head.seq();
            }
        }
        return best;
    }
}
