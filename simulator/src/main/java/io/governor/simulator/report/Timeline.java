package io.governor.simulator.report;

import io.governor.schemas.event.Priority;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.scenario.UpstreamSpec;
import io.governor.simulator.upstream.Answer;
import io.governor.simulator.upstream.TruthWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened when, for the HTML report's charts: every arrival, decision, permit wait and call of one run
 * (Governor's or the baseline's), kept raw and bucketed only by {@link #series}, so the bucket can be sized to the
 * run's real length. The truth windows' use is replayed from the counted calls with the scenario's upstream specs.
 */
public final class Timeline {
    private static final long[] NICE_BUCKETS_MS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
        300_000, 600_000, 900_000, 1_800_000, 3_600_000};

    private final long startMs;
    private final Map<String, UpstreamSpec> truth;
    private final LongColumn offered = new LongColumn();
    private final LongColumn decided = new LongColumn();
    private final LongColumn permitAt = new LongColumn();
    private final LongColumn permitWait = new LongColumn();
    private final LongColumn permitPriority = new LongColumn();
    /** Every call's start and account (index into {@link #accounts}); callAt/callKey hold the counted ones. */
    private final LongColumn startAt = new LongColumn();
    private final LongColumn startAccount = new LongColumn();
    private final Map<String, Integer> accounts = new LinkedHashMap<>();
    private final LongColumn callAt = new LongColumn();
    private final LongColumn callKey = new LongColumn();
    private final LongColumn rateLimitedAt = new LongColumn();
    /** Truth keys ("account" or "account/lane") of counted calls, numbered in first-seen order. */
    private final Map<String, Integer> keys = new LinkedHashMap<>();
    private final List<String> keyAccounts = new ArrayList<>();
    private long endMs;

    /** {@code truth}: the scenario's upstream specs, whose windows are charted (empty: none). */
    public Timeline(long startMs, Map<String, UpstreamSpec> truth) {
        this.startMs = startMs;
        this.truth = Map.copyOf(truth);
        this.endMs = startMs;
    }

    /** The latest instant anything happened (an arrival, a decision, a call's start). */
    public long endMs() {
        return endMs;
    }

    void offered(long atMs) {
        offered.add(atMs);
        endMs = Math.max(endMs, atMs);
    }

    void decided(long atMs) {
        decided.add(atMs);
        endMs = Math.max(endMs, atMs);
    }

    void permitted(Priority priority, long waitedMs, long atMs) {
        permitAt.add(atMs);
        permitWait.add(waitedMs);
        permitPriority.add(priority == null ? Priority.NORMAL.ordinal() : priority.ordinal());
    }

    void called(String account, String lane, long startedAtMs, Answer answer) {
        endMs = Math.max(endMs, startedAtMs);
        startAt.add(startedAtMs);
        startAccount.add(accounts.computeIfAbsent(account, a -> accounts.size()));
        if (answer.status() == Answer.TOO_MANY_REQUESTS) {
            rateLimitedAt.add(startedAtMs);
        }
        UpstreamSpec spec = truth.get(account);
        if (spec == null || answer.violation() || answer.status() == Answer.NO_ANSWER) {
            return; // only counted calls fill the truth's windows
        }
        String key = spec.perLane() && lane != null ? account + "/" + lane : account;
        Integer k = keys.get(key);
        if (k == null) {
            k = keys.size();
            keys.put(key, k);
            keyAccounts.add(account);
        }
        callAt.add(startedAtMs);
        callKey.add(k);
    }

    /** The run bucketed into at most about {@code maxPoints} buckets from the start to {@code endMs}. */
    public Series series(long endMs, int maxPoints) {
        long span = Math.max(1, endMs - startMs);
        long bucket = NICE_BUCKETS_MS[NICE_BUCKETS_MS.length - 1];
        for (long b : NICE_BUCKETS_MS) {
            if (span / b <= maxPoints) {
                bucket = b;
                break;
            }
        }
        int n = (int) Math.max(1, (span + bucket - 1) / bucket);
        double[] time = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = (i + 1) * bucket / 1000.0;
        }
        double seconds = bucket / 1000.0;
        Map<String, double[]> callsPerSecond = new TreeMap<>();
        for (var e : accounts.entrySet()) {
            double[] c = new double[n];
            for (int i = 0; i < startAt.size; i++) {
                if (startAccount.values[i] == e.getValue()) {
                    c[index(startAt.values[i], n, bucket)]++;
                }
            }
            callsPerSecond.put(e.getKey(), perSecond(c, seconds));
        }
        double[] rateLimited = cumulative(counts(rateLimitedAt, n, bucket));
        double[] depth = new double[n];
        double[] arrivals = cumulative(counts(offered, n, bucket));
        double[] decisions = cumulative(counts(decided, n, bucket));
        for (int i = 0; i < n; i++) {
            depth[i] = arrivals[i] - decisions[i];
        }
        return new Series(startMs, bucket, time, callsPerSecond, rateLines(), rateLimited, depth,
                windowUse(n, bucket), waits(n, bucket));
    }

    /** Each account's truth limits as calls per second over the keys that were called (every live lane of a pool). */
    private Map<String, Map<String, Double>> rateLines() {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        truth.forEach((account, spec) -> {
            long lanes = spec.perLane() ? keyAccounts.stream().filter(account::equals).count() : 1;
            Map<String, Double> lines = new TreeMap<>();
            for (LimitSpec l : spec.limits()) {
                if (lanes == 0) {
                    continue;
                }
                String name = account + " " + l.max() + "/" + l.windowName() + (spec.perLane() ? " × " + lanes
                        + " lanes" : "");
                lines.put(name, l.max() * lanes / (l.per().toMillis() / 1000.0));
            }
            out.put(account, lines);
        });
        return out;
    }

    private double[] counts(LongColumn at, int n, long bucket) {
        double[] out = new double[n];
        for (int i = 0; i < at.size; i++) {
            out[index(at.values[i], n, bucket)]++;
        }
        return out;
    }

    private int index(long atMs, int n, long bucket) {
        return (int) Math.min(n - 1, Math.max(0, (atMs - startMs) / bucket));
    }

    private static double[] perSecond(double[] counts, double seconds) {
        double[] out = counts.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] /= seconds;
        }
        return out;
    }

    private static double[] cumulative(double[] counts) {
        double[] out = counts.clone();
        for (int i = 1; i < out.length; i++) {
            out[i] += out[i - 1];
        }
        return out;
    }

    /**
     * Each truth limit's use at every bucket's end on its busiest key (the lane closest to its limit), by replaying
     * the counted calls in start order into fresh windows of the truth.
     */
    private Map<String, WindowUse> windowUse(int n, long bucket) {
        Map<String, WindowUse> out = new TreeMap<>();
        if (callAt.size == 0) {
            return out;
        }
        Integer[] order = new Integer[callAt.size];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(callAt.values[a], callAt.values[b])); // stable: ties keep order
        Map<String, List<TruthWindow[]>> byAccount = new HashMap<>();
        TruthWindow[][] windows = new TruthWindow[keys.size()][];
        for (int k = 0; k < windows.length; k++) {
            UpstreamSpec spec = truth.get(keyAccounts.get(k));
            windows[k] = new TruthWindow[spec.limits().size()];
            for (int w = 0; w < windows[k].length; w++) {
                windows[k][w] = TruthWindow.of(spec.limits().get(w), spec.limits().get(w).max(), spec.algorithm());
            }
            byAccount.computeIfAbsent(keyAccounts.get(k), a -> new ArrayList<>()).add(windows[k]);
        }
        Map<String, double[][]> used = new TreeMap<>();
        byAccount.forEach((account, list) -> used.put(account, new double[truth.get(account).limits().size()][n]));
        int next = 0;
        for (int i = 0; i < n; i++) {
            long end = startMs + (i + 1) * bucket - 1;
            while (next < order.length && callAt.values[order[next]] <= end) {
                int c = order[next++];
                for (TruthWindow w : windows[(int) callKey.values[c]]) {
                    w.record(callAt.values[c]);
                }
            }
            for (var e : byAccount.entrySet()) {
                double[][] u = used.get(e.getKey());
                for (TruthWindow[] key : e.getValue()) {
                    for (int w = 0; w < key.length; w++) {
                        u[w][i] = Math.max(u[w][i], key[w].used(end));
                    }
                }
            }
        }
        used.forEach((account, u) -> {
            List<LimitSpec> limits = truth.get(account).limits();
            for (int w = 0; w < limits.size(); w++) {
                LimitSpec l = limits.get(w);
                String name = account + (truth.get(account).perLane() ? " per lane " : " ") + l.max() + "/"
                        + l.windowName();
                out.put(name, new WindowUse(l.max(), u[w]));
            }
        });
        return out;
    }

    /** p50 and p99 of the waits of the permits granted in each bucket, per priority (NaN where none). */
    private Map<Priority, double[][]> waits(int n, long bucket) {
        Map<Priority, double[][]> out = new TreeMap<>();
        Map<Integer, List<LongColumn>> samples = new HashMap<>();
        for (int i = 0; i < permitAt.size; i++) {
            int p = (int) permitPriority.values[i];
            List<LongColumn> buckets = samples.computeIfAbsent(p, x -> {
                List<LongColumn> b = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    b.add(new LongColumn());
                }
                return b;
            });
            buckets.get(index(permitAt.values[i], n, bucket)).add(permitWait.values[i]);
        }
        samples.forEach((p, buckets) -> {
            double[][] q = new double[2][n];
            for (int j = 0; j < n; j++) {
                LongColumn c = buckets.get(j);
                if (c.size == 0) {
                    q[0][j] = Double.NaN;
                    q[1][j] = Double.NaN;
                    continue;
                }
                long[] sorted = Arrays.copyOf(c.values, c.size);
                Arrays.sort(sorted);
                q[0][j] = sorted[Math.max(0, (int) Math.ceil(0.50 * sorted.length) - 1)] / 1000.0;
                q[1][j] = sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)] / 1000.0;
            }
            out.put(Priority.values()[p], q);
        });
        return out;
    }

    /** A truth limit's {@code max} and its use at each bucket's end. */
    public record WindowUse(long max, double[] used) {
    }

    /**
     * The bucketed run: {@code timeSeconds} are bucket ends after the start; calls started per second; 429s so far;
     * each truth limit as calls per second; intents waiting (offered, not yet decided) at each bucket's end; truth window use by name; wait p50/p99 in
     * seconds by priority ({@code [0]} p50, {@code [1]} p99).
     */
    public record Series(long startMs, long bucketMs, double[] timeSeconds, Map<String, double[]> callsPerSecond,
                         Map<String, Map<String, Double>> rateLines, double[] rateLimited, double[] queueDepth, Map<String, WindowUse> windows,
                         Map<Priority, double[][]> waitSeconds) {
    }

    /** A growable column of longs (no boxing: a run may hold millions of events). */
    private static final class LongColumn {
        long[] values = new long[16];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
