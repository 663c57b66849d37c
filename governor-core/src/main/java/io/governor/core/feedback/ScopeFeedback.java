package io.governor.core.feedback;

import io.governor.core.decision.DeferReason;
import io.governor.core.window.VarInts;
import io.governor.core.window.Window;
import io.governor.core.window.WindowSet;
import io.governor.schemas.event.CircuitState;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.RateLimitInfo;
import io.governor.schemas.policy.AccountPolicy;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * What outcomes taught about one scope (the account, or one lane): its circuit, the adaptive clock, the
 * Retry-After and 403 pauses and the upstream's own limits (header sync). It steers the scope's
 * {@link WindowSet} through the set's seams (factor, ceiling, pause, used count); everything here is
 * fixed-size and persisted by the account state codec.
 */
public final class ScopeFeedback {
    private final CircuitBreaker circuit = new CircuitBreaker();
    /** notBefore high mark when the factor was last cut: 429s of permits granted before it do not cut again. */
    private long lastCutAt = Long.MIN_VALUE;
    /** Start of the current recovery step of the factor. */
    private long lastChangeAt = Long.MIN_VALUE;
    private long retryAfterUntil = Long.MIN_VALUE;
    private long forbiddenUntil = Long.MIN_VALUE;
    /** Reset headers are whole seconds, rounded up: a reset up to this much later still fits a window. */
    static final long RESET_GRANULARITY_MS = 1_000;
    /** Header ceilings by window index, re-applied to the set after a restart (0: none). */
    private long[] ceilings = new long[0];
    /** Permits of this scope without an outcome. */
    private int inFlight;

    public CircuitBreaker circuit() {
        return circuit;
    }

    public int inFlight() {
        return inFlight;
    }

    public void leaseOpened() {
        inFlight++;
    }

    public void leaseClosed() {
        inFlight = Math.max(0, inFlight - 1);
    }

    /** The contract's circuit state at {@code now}; a 403 pause reports FORBIDDEN. */
    public CircuitState circuitState(long now) {
        return forbiddenUntil > now ? CircuitState.FORBIDDEN : circuit.state(now);
    }

    /** Why nothing of this scope may start at {@code t}, or null when feedback does not hold it back. */
    public DeferReason pauseReason(long t, AccountPolicy policy) {
        if (forbiddenUntil > t) {
            return DeferReason.FORBIDDEN;
        }
        if (circuit.blocks(t, policy.circuit())) {
            return DeferReason.CIRCUIT_OPEN;
        }
        return retryAfterUntil > t ? DeferReason.PAUSED : null;
    }

    /** The pause of the scope: the latest of Retry-After, 403 and the circuit. */
    public long blockedUntil(AccountPolicy policy) {
        return Math.max(Math.max(retryAfterUntil, forbiddenUntil), circuit.blockedUntil(policy.circuit()));
    }

    /** Pauses the scope until {@code until} (Retry-After, or the host's own seam). */
    public void pauseUntil(long until, WindowSet set, AccountPolicy policy) {
        retryAfterUntil = Math.max(retryAfterUntil, until);
        set.pauseUntil(blockedUntil(policy));
    }

    /** Applies the adaptive recovery earned by {@code now}; true when the factor grew. */
    public boolean recover(long now, WindowSet set, AccountPolicy policy) {
        if (set.factor() >= 1.0 || policy.adaptive() == null) {
            return false;
        }
        long steps = AimdLimit.steps(lastChangeAt, now, policy.adaptive());
        if (steps == 0) {
            return false;
        }
        set.setFactor(AimdLimit.recovered(set.factor(), steps, policy.adaptive()));
        lastChangeAt += steps * policy.adaptive().every().toMillis();
        return true;
    }

    /** When the factor grows next, or Long.MAX_VALUE when it is whole (or adaptation is off). */
    public long nextRecoveryAt(WindowSet set, AccountPolicy policy) {
        if (set.factor() >= 1.0 || policy.adaptive() == null) {
            return Long.MAX_VALUE;
        }
        return lastChangeAt + policy.adaptive().every().toMillis();
    }

    /**
     * Learns from one outcome of a permit of this scope that started at {@code permitNotBefore}.
     * {@code highMark} is the account's notBefore high mark (units synced from headers are counted there).
     */
    public void learn(Outcome o, OutcomeClass kind, long permitNotBefore, long now, long highMark, WindowSet set,
                      AccountPolicy policy, String lane, List<FeedbackSignal> signals) {
        recover(now, set, policy);
        if (kind == OutcomeClass.RATE_LIMITED) {
            if (policy.adaptive() != null) {
                double cut = AimdLimit.afterRateLimited(set.factor(), permitNotBefore, lastCutAt, policy.adaptive());
                if (cut < set.factor()) {
                    set.setFactor(cut);
                    lastCutAt = highMark + 1;
                }
            }
            lastChangeAt = now;
        }
        if (o.retryAfterMs() != null && o.retryAfterMs() > 0) {
            retryAfterUntil = Math.max(retryAfterUntil, o.finishedAt() + o.retryAfterMs());
        }
        if (kind == OutcomeClass.FORBIDDEN) {
            forbiddenUntil = Math.max(forbiddenUntil, now + policy.forbidden().pause().toMillis());
            signals.add(new FeedbackSignal(FeedbackSignal.Kind.FORBIDDEN, lane, now, "403 Forbidden for "
                    + scopeName(lane) + ": paused until " + forbiddenUntil + " (forbidden.pause)"));
        }
        if (!kind.reachedCircuit()) {
            circuit.probeReturned(permitNotBefore);
        } else {
            var t = circuit.record(kind.circuitFailure(), now, policy.circuit());
            if (t == CircuitBreaker.Transition.OPENED) {
                signals.add(new FeedbackSignal(FeedbackSignal.Kind.CIRCUIT_OPENED, lane, now, "circuit of "
                        + scopeName(lane) + " opened after " + kind + " (cooldown "
                        + policy.circuit().cooldown().toMillis() + " ms)"));
            } else if (t == CircuitBreaker.Transition.CLOSED) {
                signals.add(new FeedbackSignal(FeedbackSignal.Kind.CIRCUIT_CLOSED, lane, now, "circuit of "
                        + scopeName(lane) + " closed after a successful probe"));
            }
        }
        if (o.rateLimit() != null) {
            sync(o.rateLimit(), now, highMark, set, policy);
        }
        set.pauseUntil(blockedUntil(policy));
    }

    private static String scopeName(String lane) {
        return lane == null ? "the account" : "lane " + lane;
    }

    /**
     * Header sync on the window the headers describe: the shortest whose length covers the time to the
     * upstream's reset (the shortest window when no reset is given). The upstream's limit becomes the window's
     * ceiling (after safety) and its count (limit − remaining) a floor for ours.
     */
    private void sync(RateLimitInfo r, long now, long highMark, WindowSet set, AccountPolicy policy) {
        int i = matchingWindow(r, now, set.windows());
        if (i < 0) {
            return;
        }
        if (ceilings.length != set.windows().size()) {
            ceilings = new long[set.windows().size()];
        }
        if (r.limit() != null && r.limit() > 0) {
            long allowed = Math.max(1, (long) Math.floor(r.limit() * policy.safety()));
            ceilings[i] = allowed;
            set.setCeiling(i, allowed);
        }
        if (r.limit() != null && r.remaining() != null) {
            set.raiseUsed(i, Math.max(0, r.limit() - r.remaining()), Math.max(now, highMark));
        }
    }

    static int matchingWindow(RateLimitInfo r, long now, List<Window> windows) {
        // A limit equal to one window's configured max names that window outright: the reset alone cannot, as
        // headers carry it in whole seconds (a 1 s window's reset may read 2 s away).
        if (r.limit() != null) {
            int named = -1;
            for (int i = 0; i < windows.size(); i++) {
                if (windows.get(i).spec().max() == r.limit()) {
                    named = named < 0 ? i : -2;
                }
            }
            if (named >= 0) {
                return named;
            }
        }
        int best = -1;
        long toReset = r.resetAt() == null ? 0 : Math.max(0, r.resetAt() - now - RESET_GRANULARITY_MS);
        for (int i = 0; i < windows.size(); i++) {
            long per = windows.get(i).spec().per().toMillis();
            long bestPer = best < 0 ? 0 : windows.get(best).spec().per().toMillis();
            boolean covers = per >= toReset;
            boolean bestCovers = best >= 0 && bestPer >= toReset;
            if (best < 0 || (covers && (!bestCovers || per < bestPer)) || (!covers && !bestCovers && per > bestPer)) {
                best = i;
            }
        }
        return best;
    }

    /** Puts persisted ceilings back on a freshly decoded window set. */
    public void restore(WindowSet set, AccountPolicy policy) {
        if (ceilings.length == set.windows().size()) {
            for (int i = 0; i < ceilings.length; i++) {
                if (ceilings[i] > 0) {
                    set.setCeiling(i, ceilings[i]);
                }
            }
        }
        set.pauseUntil(Math.max(set.pausedUntil(), blockedUntil(policy)));
    }

    boolean isFresh() {
        return circuit.isFresh() && lastCutAt == Long.MIN_VALUE && lastChangeAt == Long.MIN_VALUE
                && retryAfterUntil == Long.MIN_VALUE && forbiddenUntil == Long.MIN_VALUE && ceilings.length == 0
                && inFlight == 0;
    }

    /** One byte 0 for a fresh scope, else 1 and the fields: an idle account's state grows by a byte per scope. */
    public void writeState(DataOutput out) throws IOException {
        if (isFresh()) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        circuit.writeState(out);
        out.writeLong(lastCutAt);
        out.writeLong(lastChangeAt);
        out.writeLong(retryAfterUntil);
        out.writeLong(forbiddenUntil);
        VarInts.write(out, ceilings.length);
        for (long c : ceilings) {
            VarInts.write(out, c);
        }
        VarInts.write(out, inFlight);
    }

    public void readState(DataInput in) throws IOException {
        if (in.readUnsignedByte() == 0) {
            return;
        }
        circuit.readState(in);
        lastCutAt = in.readLong();
        lastChangeAt = in.readLong();
        retryAfterUntil = in.readLong();
        forbiddenUntil = in.readLong();
        ceilings = new long[(int) VarInts.read(in)];
        for (int i = 0; i < ceilings.length; i++) {
            ceilings[i] = VarInts.read(in);
        }
        inFlight = (int) VarInts.read(in);
    }
}
