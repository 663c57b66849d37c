package io.governor.core.window;

import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.LimitSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The limits of one scope (the account, one lane or one tenant) with their state, the pacing clock and the
 * seams for later issues (a pause and an effective-max factor). All limits must hold: {@link #earliest} is the
 * least time at or after t that every one of them allows.
 */
public final class WindowSet {
    /** Rolling limits allowing more than this use {@link RollingBuckets}; smaller ones an exact log. */
    public static final long EXACT_LOG_MAX = 128;
    private static final double EPSILON = 1e-9;
    private static final Priority[] PRIORITIES = Priority.values();

    private final String scope;
    private final Window[] windows;
    private final String[] names;
    private final double[] shares;
    private final boolean smooth;
    private final long validityMs;
    private final long[][] caps;
    /** Least cap of each row of {@link #caps}: the largest cost that row can ever admit. */
    private final long[] maxCosts;
    private double factor = 1.0;
    private long paceInterval;
    private String paceName;
    private long nextPaceAt = Long.MIN_VALUE;
    private long pausedUntil = Long.MIN_VALUE;
    /** Per window, the most the upstream says it allows (header sync); Long.MAX_VALUE when it said nothing. */
    private final long[] ceilings;
    /** Changes of this set's own fields (factor, ceilings, pacing, pause), for {@link #version}. */
    private long changes;

    /**
     * @param scope     "" for the account, else e.g. {@code lane:ip-1} or {@code tenant:acme} (prefixes names)
     * @param allowed   floor(max × safety) of each limit, in the same order
     * @param shares    share of each window usable by each priority
     */
    public WindowSet(String scope, List<LimitSpec> limits, long[] allowed, Map<Priority, Double> shares,
                     boolean smooth, long validityMs) {
        this.scope = scope;
        this.windows = new Window[limits.size()];
        this.names = new String[limits.size()];
        for (int i = 0; i < windows.length; i++) {
            LimitSpec spec = limits.get(i);
            if (spec.calendar()) {
                windows[i] = new CalendarWindow(spec, allowed[i], validityMs);
            } else if (allowed[i] <= EXACT_LOG_MAX) {
                windows[i] = new RollingLog(spec, allowed[i]);
            } else {
                windows[i] = new RollingBuckets(spec, allowed[i]);
            }
            names[i] = scope.isEmpty() ? spec.windowName() : scope + "/" + spec.windowName();
        }
        // One row per priority plus a last row at full share, for telling PRIORITY_RESERVE from RATE_LIMIT.
        this.shares = new double[PRIORITIES.length + 1];
        for (Priority p : PRIORITIES) {
            this.shares[p.ordinal()] = shares.getOrDefault(p, 1.0);
        }
        this.shares[PRIORITIES.length] = 1.0;
        this.smooth = smooth;
        this.validityMs = validityMs;
        this.caps = new long[PRIORITIES.length + 1][windows.length];
        this.maxCosts = new long[PRIORITIES.length + 1];
        this.ceilings = new long[windows.length];
        java.util.Arrays.fill(ceilings, Long.MAX_VALUE);
        applyFactor();
    }

    /**
     * Counts every change that can alter an answer of {@link #earliest}: of this set (factor, ceiling, pacing,
     * pause) and of its windows (counted by each window, so a change made through {@link #windows()} counts too).
     * Never decreases; equal versions of one set mean equal answers to equal questions.
     */
    public long version() {
        long v = changes;
        for (Window w : windows) {
            v += w.version();
        }
        return v;
    }

    private void applyFactor() {
        changes++;
        for (int p = 0; p < shares.length; p++) {
            long least = Long.MAX_VALUE;
            for (int i = 0; i < windows.length; i++) {
                caps[p][i] = Math.max(1, (long) Math.floor(effective(i) * shares[p] + EPSILON));
                least = Math.min(least, caps[p][i]);
            }
            maxCosts[p] = least;
        }
        // SMOOTH paces at the shortest window's rate: (per + validity) / cap apart never trips that window's
        // own check, and the longer windows act as budgets instead of spreading a day's calls over the day.
        paceInterval = 0;
        paceName = null;
        long shortest = Long.MAX_VALUE;
        for (Window w : windows) {
            shortest = Math.min(shortest, w.spec().per().toMillis());
        }
        for (int i = 0; i < windows.length; i++) {
            long per = windows[i].spec().per().toMillis();
            if (per == shortest) {
                long full = Math.max(1, (long) Math.floor(effective(i) + EPSILON));
                long interval = (per + validityMs + full - 1) / full;
                if (interval > paceInterval) {
                    paceInterval = interval;
                    paceName = names[i];
                }
            }
        }
    }

    /** Units window i admits at full share: its allowance times the factor, at most its ceiling. */
    private double effective(int i) {
        return Math.min(windows[i].allowed() * factor, (double) ceilings[i]);
    }

    /** Units window i admits at full share after factor and ceiling (at least 1): a snapshot's effectiveMax. */
    public long effectiveMax(int i) {
        return caps[PRIORITIES.length][i];
    }

    /**
     * Header sync: the upstream says window i allows at most {@code units} (after safety); Long.MAX_VALUE forgets
     * a ceiling. Applies on top of the factor, so adaptive recovery never climbs past what the upstream allows.
     */
    public void setCeiling(int i, long units) {
        long c = Math.max(1, units);
        if (ceilings[i] != c) {
            ceilings[i] = c;
            applyFactor();
        }
    }

    public long ceiling(int i) {
        return ceilings[i];
    }

    /**
     * Header sync: the upstream has counted {@code used} units in window i; counts the missing units as a permit
     * at {@code at} (which must be at or after every notBefore recorded, like a permit), never lowering our
     * count. The pacing clock is left alone: these calls were made by others, not spaced by us.
     */
    public void raiseUsed(int i, long used, long at) {
        // Beyond the allowance the window is full either way; the clamp keeps an exact log's loop short.
        long missing = Math.min(used, windows[i].allowed()) - windows[i].usedAt(at);
        while (missing > 0) {
            int chunk = (int) Math.min(missing, Integer.MAX_VALUE);
            windows[i].record(at, at + validityMs, chunk);
            missing -= chunk;
        }
    }

    public String scope() {
        return scope;
    }

    public List<Window> windows() {
        return List.of(windows);
    }

    /** Name of window i as deferrals report it. */
    public String windowName(int i) {
        return names[i];
    }

    /** Units a priority may use of window i in any interval (after safety, factor and share). */
    public long cap(Priority priority, int i) {
        return caps[row(priority)][i];
    }

    /** Row of caps for a priority; null means full share (no reserve). */
    private static int row(Priority priority) {
        return priority == null ? PRIORITIES.length : priority.ordinal();
    }

    /** The largest cost this set can ever admit for the priority; larger intents can never go. */
    public long maxCost(Priority priority) {
        return maxCosts[row(priority)];
    }

    /**
     * Least time {@code >= t} at which a permit of {@code cost} units for {@code priority} keeps every limit,
     * the pacing and the pause of this set; a null priority ignores priority reserves. {@code why}, when not
     * null, learns what bound last. Long.MAX_VALUE when the cost exceeds a cap (it can never go).
     */
    public long earliest(long t, int cost, Priority priority, Binding why) {
        int row = row(priority);
        if (cost > maxCosts[row]) {
            return Long.MAX_VALUE;
        }
        long[] cap = caps[row];
        long at = t;
        if (at < pausedUntil) {
            at = pausedUntil;
            if (why != null) {
                why.set(Binding.Kind.PAUSED, null);
            }
            if (at == Long.MAX_VALUE) { // paused until further notice (a half-open circuit's probes are out)
                return at;
            }
        }
        if (smooth && at < nextPaceAt) { // pause and pacing hold at any later time: checked once
            at = nextPaceAt;
            if (why != null) {
                why.set(Binding.Kind.PACING, paceName);
            }
        }
        // Round the windows until each allows at: a window that moved it need not be asked again until another
        // one moves it further (its answer is its own fixpoint).
        int n = windows.length;
        int lastMoved = -1;
        for (int i = 0; ; i = i + 1 == n ? 0 : i + 1) {
            if (i == lastMoved || n == 0) {
                return at;
            }
            long e = windows[i].earliest(at, cost, cap[i]);
            if (e > at) {
                at = e;
                lastMoved = i;
                if (why != null) {
                    why.set(Binding.Kind.WINDOW, names[i]);
                }
            } else if (lastMoved < 0 && i == n - 1) {
                return at; // first round, nothing moved
            }
        }
    }

    /** Counts a permit; notBefore must not be earlier than any permit recorded before. */
    public void record(long notBefore, long validUntil, int cost) {
        for (Window w : windows) {
            w.record(notBefore, validUntil, cost);
        }
        if (smooth) {
            nextPaceAt = notBefore + paceInterval * cost;
            changes++;
        }
    }

    /** Seam for adaptive limits: scales every window's allowance (at least 1). */
    public void setFactor(double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("factor must be in (0,1], was " + factor);
        }
        this.factor = factor;
        applyFactor();
    }

    public double factor() {
        return factor;
    }

    /** Seam for circuits and 403 pauses: nothing of this scope starts before {@code until}. */
    public void pauseUntil(long until) {
        if (until != pausedUntil) {
            changes++;
        }
        this.pausedUntil = until;
    }

    public long pausedUntil() {
        return pausedUntil;
    }

    /** Pacing interval in ms per cost unit (0 for BURST). */
    public long paceIntervalMs() {
        return smooth ? paceInterval : 0;
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(factor);
        out.writeLong(nextPaceAt);
        out.writeLong(pausedUntil);
        VarInts.write(out, windows.length);
        for (Window w : windows) {
            out.writeInt(fingerprint(w.spec()));
            w.writeState(out);
        }
    }

    /**
     * Reads a state written by {@link #writeState} in {@code layout} (a {@link Window} LAYOUT constant; hosts
     * learn it from their own version byte). Windows are matched by spec; a state written under a different
     * policy shape stops at the first mismatch and leaves the remaining windows empty.
     */
    public void readState(DataInput in, int layout) throws IOException {
        factor = in.readDouble();
        applyFactor(); // counts this change of the pacing and pause read below too
        nextPaceAt = in.readLong();
        pausedUntil = in.readLong();
        int n = (int) VarInts.read(in);
        for (int i = 0; i < n && i < windows.length; i++) {
            if (in.readInt() != fingerprint(windows[i].spec())) {
                nextPaceAt = Long.MIN_VALUE; // paced by the old limits: 1/h moved to 100/s must not wait the hour
                return;
            }
            windows[i].readState(in, layout);
        }
        if (n != windows.length) {
            nextPaceAt = Long.MIN_VALUE;
        }
    }

    private static int fingerprint(LimitSpec spec) {
        return Objects.hash(spec.max(), spec.per().toMillis(), spec.calendar(),
                spec.zone() == null ? "" : spec.zone().getId());
    }
}
