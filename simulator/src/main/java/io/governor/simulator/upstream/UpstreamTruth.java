package io.governor.simulator.upstream;

import io.governor.schemas.event.RateLimitInfo;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.scenario.OutageSpec;
import io.governor.schemas.scenario.UpstreamSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated API: the scenario's true limits enforced exactly, per account or per lane, with latency, random
 * 5xx, outages and bans. Pure: the call's start time is passed in, randomness comes from the seed, so the same
 * calls in the same order get the same answers. Not thread-safe (live mode serialises calls into it).
 *
 * <p>Counting: a call is <em>counted</em> in its key's windows when every window allows it, whatever the upstream
 * answered (an outage or a ban does not give quota back); a call that some window refuses is a
 * <em>violation</em> and is not counted. Answers, first match wins: banned → 403; outage → its status;
 * violation → 429 with Retry-After; random error → 500; else 200. A call on a dead lane never reaches the API: no
 * answer ({@link Answer#NO_ANSWER}) after {@link #DEAD_LANE_TIMEOUT_MS}, not counted, not a violation.
 */
public final class UpstreamTruth {
    /** How long a call on a dead lane hangs before the executor gives up (its default timeout). */
    public static final long DEAD_LANE_TIMEOUT_MS = 10_000;
    private static final UpstreamSpec OPEN = new UpstreamSpec(List.of(), false, null, null, 0, null, null, null);

    private final Map<String, UpstreamSpec> specs;
    private final long startMs;
    private final SplittableRandom random;
    private final Map<String, Key> keys = new HashMap<>();
    private final Map<String, LatencyModel> latencies = new HashMap<>();

    /** {@code startMs} is the scenario's start (outages are offsets from it). */
    public UpstreamTruth(Map<String, UpstreamSpec> specs, long startMs, long seed) {
        this.specs = Map.copyOf(specs);
        this.startMs = startMs;
        this.random = new SplittableRandom(seed);
    }

    /** Answers one call to {@code account} (on {@code lane}, may be null) that started at {@code startedAtMs}. */
    public Answer call(String account, String lane, long startedAtMs) {
        UpstreamSpec spec = specs.getOrDefault(account, OPEN);
        if (lane != null && !spec.deadLanes().isEmpty() && spec.deadLanes().contains(lane)) {
            return new Answer(Answer.NO_ANSWER, null, null, DEAD_LANE_TIMEOUT_MS, false);
        }
        String keyName = spec.perLane() && lane != null ? account + "/" + lane : account;
        Key key = keys.computeIfAbsent(keyName, k -> new Key(spec));
        long t = startedAtMs;
        long latency = latencies.computeIfAbsent(account, a -> new LatencyModel(spec.latency())).draw(random);
        boolean randomError = spec.errorRate() > 0 && random.nextDouble() < spec.errorRate();

        TruthWindow refusing = null;
        for (TruthWindow w : key.windows) {
            if (w.refuses(t) && (refusing == null || w.resetAt(t) > refusing.resetAt(t))) {
                refusing = w;
            }
        }
        boolean violation = refusing != null;
        if (violation) {
            key.violations++;
            key.violationsSinceBan++;
        } else {
            for (TruthWindow w : key.windows) {
                w.record(t);
            }
        }
        RateLimitInfo headers = headers(key, t);

        int status;
        Long retryAfter = null;
        OutageSpec outage = outageAt(spec, t);
        if (t < key.bannedUntil) {
            status = Answer.FORBIDDEN;
        } else if (outage != null) {
            status = outage.status();
        } else if (violation) {
            status = Answer.TOO_MANY_REQUESTS;
            retryAfter = wholeSeconds(refusing.resetAt(t) - t);
        } else if (randomError) {
            status = Answer.RANDOM_ERROR;
        } else {
            status = 200;
        }
        if (violation && spec.banAfterViolations() != null && t >= key.bannedUntil
                && key.violationsSinceBan >= spec.banAfterViolations()) {
            key.bannedUntil = t + spec.banFor().toMillis();
            key.violationsSinceBan = 0;
        }
        return new Answer(status, retryAfter, headers, latency, violation);
    }

    /** Violations so far on every key, the report's figure. */
    public long violations() {
        return keys.values().stream().mapToLong(k -> k.violations).sum();
    }

    private static RateLimitInfo headers(Key key, long t) {
        TruthWindow tightest = null;
        long leastRemaining = Long.MAX_VALUE;
        for (TruthWindow w : key.windows) {
            long remaining = Math.max(0, w.max() - w.used(t));
            if (remaining < leastRemaining) {
                leastRemaining = remaining;
                tightest = w;
            }
        }
        return tightest == null ? null : new RateLimitInfo(tightest.max(), leastRemaining, tightest.resetAt(t));
    }

    private OutageSpec outageAt(UpstreamSpec spec, long t) {
        if (spec.outages().isEmpty() || t < startMs) {
            return null;
        }
        Duration offset = Duration.ofMillis(t - startMs);
        for (OutageSpec o : spec.outages()) {
            if (o.covers(offset)) {
                return o;
            }
        }
        return null;
    }

    private static long wholeSeconds(long ms) {
        return Math.max(1, (ms + 999) / 1000) * 1000;
    }

    private static final class Key {
        final List<TruthWindow> windows = new ArrayList<>();
        long violations;
        long violationsSinceBan;
        long bannedUntil = Long.MIN_VALUE;

        Key(UpstreamSpec spec) {
            for (LimitSpec l : spec.limits()) {
                windows.add(TruthWindow.of(l, l.max(), spec.algorithm()));
            }
        }
    }
}
