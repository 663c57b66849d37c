package io.governor.core.feedback;

import io.governor.core.window.VarInts;
import io.governor.schemas.event.CircuitState;
import io.governor.schemas.policy.CircuitSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The circuit of one scope (an account or a lane). CLOSED counts calls: {@code consecutiveFailures} failures in
 * a row, or an error rate of at least {@code errorRate} over {@code window} with at least {@code minCalls} calls,
 * opens it until now + {@code cooldown}. After the cooldown it is HALF_OPEN (derived from time, nothing to wake):
 * {@code halfOpenProbes} permits may go, then none until an outcome; a success closes it, a failure reopens it.
 *
 * <p>The error rate uses {@value #BUCKETS} buckets over the window, so the state stays fixed-size; a bucket
 * leaves the rate whole once the window has passed its start (the rate covers between window − window/8 and
 * window). Time is always handed in.
 */
public final class CircuitBreaker {
    static final int BUCKETS = 8;

    private boolean open;
    private long openUntil;
    private int probesIssued;
    private int consecutive;
    private long bucketWidth = 1;
    /** Index (time / bucketWidth) of the newest bucket; buckets i..i-7 are slots i % 8. */
    private long newest = Long.MIN_VALUE;
    private final int[] calls = new int[BUCKETS];
    private final int[] failures = new int[BUCKETS];

    /** The state at {@code now}: OPEN during the cooldown, HALF_OPEN after it until an outcome decides. */
    public CircuitState state(long now) {
        if (!open) {
            return CircuitState.CLOSED;
        }
        return now < openUntil ? CircuitState.OPEN : CircuitState.HALF_OPEN;
    }

    /** True when nothing may start at {@code t}: open and cooling down, or half-open with every probe out. */
    public boolean blocks(long t, CircuitSpec spec) {
        return blockedUntil(spec) > t;
    }

    /** No permit may start before this (Long.MIN_VALUE when closed; MAX_VALUE while every probe is out). */
    public long blockedUntil(CircuitSpec spec) {
        if (!open) {
            return Long.MIN_VALUE;
        }
        return spec != null && probesIssued >= spec.halfOpenProbes() ? Long.MAX_VALUE : openUntil;
    }

    /** A permit starting at {@code notBefore} was granted in this scope: counts a probe when half-open. */
    public void permitted(long notBefore) {
        if (open && notBefore >= openUntil) {
            probesIssued++;
        }
    }

    /**
     * A permit ended without telling whether the upstream works (its lease ran out, or it answered 429 or 403,
     * or was never sent): if it was a probe (started at or after the cooldown, as {@link #permitted} counted
     * it), its place goes to another one. Permits from before the trip hold no probe's place.
     */
    public void probeReturned(long permitNotBefore) {
        if (open && permitNotBefore >= openUntil && probesIssued > 0) {
            probesIssued--;
        }
    }

    /** The transition an outcome caused. */
    public enum Transition { NONE, OPENED, CLOSED }

    /**
     * Counts one call that reached (or failed to reach) the upstream at {@code now}. Outcomes arriving while the
     * circuit is OPEN come from permits granted before it opened: they neither close nor reopen it.
     */
    public Transition record(boolean failure, long now, CircuitSpec spec) {
        if (spec == null) {
            return Transition.NONE;
        }
        if (open) {
            if (now < openUntil) {
                return Transition.NONE;
            }
            if (failure) {
                trip(now, spec);
                return Transition.OPENED;
            }
            reset(spec);
            return Transition.CLOSED;
        }
        consecutive = failure ? consecutive + 1 : 0;
        count(failure, now, spec);
        if (consecutive >= spec.consecutiveFailures() || errorRateExceeded(spec)) {
            trip(now, spec);
            return Transition.OPENED;
        }
        return Transition.NONE;
    }

    private void trip(long now, CircuitSpec spec) {
        open = true;
        openUntil = now + spec.cooldown().toMillis();
        probesIssued = 0;
        consecutive = 0;
        clearBuckets();
    }

    private void reset(CircuitSpec spec) {
        open = false;
        openUntil = 0;
        probesIssued = 0;
        consecutive = 0;
        clearBuckets();
        bucketWidth = width(spec);
    }

    private void clearBuckets() {
        newest = Long.MIN_VALUE;
        java.util.Arrays.fill(calls, 0);
        java.util.Arrays.fill(failures, 0);
    }

    private static long width(CircuitSpec spec) {
        return Math.max(1, (spec.window().toMillis() + BUCKETS - 1) / BUCKETS);
    }

    private void count(boolean failure, long now, CircuitSpec spec) {
        long w = width(spec);
        if (w != bucketWidth) { // the policy changed the window: start counting afresh
            clearBuckets();
            bucketWidth = w;
        }
        long idx = Math.floorDiv(now, w);
        if (newest == Long.MIN_VALUE || idx - newest >= BUCKETS) {
            clearBuckets();
            newest = idx;
        } else if (idx > newest) {
            for (long i = newest + 1; i <= idx; i++) {
                int s = slot(i);
                calls[s] = 0;
                failures[s] = 0;
            }
            newest = idx;
        }
        // An outcome older than the newest bucket (clocks step back) is counted in the newest: harmless.
        int s = slot(Math.max(idx, newest - BUCKETS + 1));
        calls[s]++;
        if (failure) {
            failures[s]++;
        }
    }

    private static int slot(long idx) {
        return (int) Math.floorMod(idx, (long) BUCKETS);
    }

    private boolean errorRateExceeded(CircuitSpec spec) {
        long n = 0;
        long f = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += calls[i];
            f += failures[i];
        }
        return n >= spec.minCalls() && f >= spec.errorRate() * n;
    }

    /** True when nothing differs from a fresh circuit (the codec then writes nothing). */
    boolean isFresh() {
        return !open && consecutive == 0 && newest == Long.MIN_VALUE;
    }

    void writeState(DataOutput out) throws IOException {
        out.writeBoolean(open);
        out.writeLong(openUntil);
        VarInts.write(out, probesIssued);
        VarInts.write(out, consecutive);
        VarInts.write(out, bucketWidth);
        out.writeLong(newest);
        for (int i = 0; i < BUCKETS; i++) {
            VarInts.write(out, calls[i]);
            VarInts.write(out, failures[i]);
        }
    }

    void readState(DataInput in) throws IOException {
        open = in.readBoolean();
        openUntil = in.readLong();
        probesIssued = (int) VarInts.read(in);
        consecutive = (int) VarInts.read(in);
        bucketWidth = VarInts.read(in);
        newest = in.readLong();
        for (int i = 0; i < BUCKETS; i++) {
            calls[i] = (int) VarInts.read(in);
            failures[i] = (int) VarInts.read(in);
        }
    }
}
