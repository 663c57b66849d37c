package io.governor.streams.topology;

import static io.governor.streams.topology.GovernorTopologyTest.NO_RUNTIME_POLICIES;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Outcome;
import io.governor.schemas.event.Permit;
import io.governor.schemas.event.Priority;
import io.governor.schemas.event.RateLimitInfo;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.AdaptiveSpec;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.PolicyDocument;
import io.governor.schemas.policy.RetrySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The numbers: an upstream whose true limit is 100/min behind a policy of 150/min. The governor, fed
 * the upstream's outcomes, must admit 100/min within ±5 % after at most 5 feedback round trips, with at most a
 * hundredth of the 429s a naive client (pacing at 150/min, retrying its 429s) gets.
 */
class FeedbackNumbersTest {
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final long T0 = START.toEpochMilli();
    static final long MINUTE = 60_000;
    static final long LATENCY = 100;
    static final long RUN = 10 * MINUTE;

    /** An upstream allowing 100 calls in any 60 s (an exact sliding log of accepted calls). */
    static final class SlidingLogUpstream {
        final int limit;
        final boolean headers;
        final ArrayDeque<Long> accepted = new ArrayDeque<>();
        int tooMany;
        int ok;

        SlidingLogUpstream(int limit, boolean headers) {
            this.limit = limit;
            this.headers = headers;
        }

        /** Answers a call started at {@code t}: 200 or 429, with Retry-After and rate-limit headers. */
        Outcome call(Permit p, long t) {
            while (!accepted.isEmpty() && accepted.peekFirst() <= t - MINUTE) {
                accepted.pollFirst();
            }
            int status;
            Long retryAfter = null;
            if (accepted.size() < limit) {
                accepted.addLast(t);
                status = 200;
                ok++;
            } else {
                status = 429;
                tooMany++;
                retryAfter = accepted.peekFirst() + MINUTE - t;
            }
            var rl = !headers ? null : new RateLimitInfo((long) limit, (long) (limit - accepted.size()), accepted.peekFirst() + MINUTE);
            return p == null ? null : new Outcome(p.intentId(), p.account(), p.lane(), p.attempt(), status, null,
                    LATENCY, retryAfter, rl, t, t + LATENCY, "fake");
        }
    }

    static AccountPolicy policy() {
        return new AccountPolicy(List.of(LimitSpec.rolling(150, Duration.ofMinutes(1))), 1.0, null, null, null,
                null, null, null, null, null, null, null, new AdaptiveSpec(0.67, 0.05, 0.1, Duration.ofSeconds(30)),
                new RetrySpec(5, Duration.ofSeconds(2), 2, Duration.ofSeconds(60), 0.9, 1.6), null, null, null,
                null);
    }

    record Figures(int permits, int upstream429, long minPerMinute, long maxPerMinute, long settledAfterMs) {
    }

    static Figures governed(boolean headers) {
        var upstream = new SlidingLogUpstream(100, headers);
        var due = new PriorityQueue<Outcome>(Comparator.comparingLong(Outcome::finishedAt));
        List<Permit> permits = new ArrayList<>();
        try (var g = new GovernorDriver(new PolicyDocument(null, Map.of("api", policy())), NO_RUNTIME_POLICIES,
                START)) {
            for (int i = 0; i < 1_500; i++) {
                g.send(new Intent("c-" + i, "api", null, null, Priority.NORMAL, 1, null, null, null, null, null,
                        null, null, null, T0));
            }
            long step = 20;
            for (long now = T0; now < T0 + RUN; now += step) {
                g.advance(Duration.ofMillis(step), Duration.ofMillis(step));
                for (Permit p : g.permitted) {
                    permits.add(p);
                    // The executor starts the call at notBefore; the answer comes LATENCY later.
                    due.add(upstream.call(p, p.notBefore()));
                }
                g.permitted.clear();
                while (!due.isEmpty() && due.peek().finishedAt() <= now + step) {
                    g.outcome(due.poll());
                }
            }
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        // Five round trips (lookahead 250 ms + latency 100 ms each) after the first permit, then every minute.
        long settle = 5 * (250 + LATENCY);
        for (long s = T0 + settle; s + MINUTE <= T0 + RUN - 2_000; s += 1_000) {
            long from = s;
            long n = permits.stream().filter(p -> p.notBefore() >= from && p.notBefore() < from + MINUTE).count();
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        return new Figures(permits.size(), upstream.tooMany, min, max, settle);
    }

    /** Paces at 150/min and sends each 429'd request again in its next slot. */
    static int naive429s() {
        var upstream = new SlidingLogUpstream(100, true);
        for (long t = T0; t < T0 + RUN; t += MINUTE / 150) {
            upstream.call(null, t);
        }
        return upstream.tooMany;
    }

    @Test
    void shouldFindTheTrueLimitOf100PerMinuteBehindAPolicyOf150() {
        Figures f = governed(true);
        int naive = naive429s();
        System.out.printf("feedback numbers: permits=%d upstream429=%d naive429=%d perMinute=[%d, %d] settle=%dms%n",
                f.permits(), f.upstream429(), naive, f.minPerMinute(), f.maxPerMinute(), f.settledAfterMs());
        assertTrue(f.minPerMinute() >= 95 && f.maxPerMinute() <= 105,
                "admitted per minute in [" + f.minPerMinute() + ", " + f.maxPerMinute() + "]");
        assertTrue(naive > 0);
        assertTrue(f.upstream429() * 100 <= naive, f.upstream429() + " 429s vs naive " + naive);
    }

    /** Without rate-limit headers only 429s, Retry-After and AIMD steer: reported, with looser bounds. */
    @Test
    void shouldStayNearTheTrueLimitOnAimdAndRetryAfterAloneWhenTheUpstreamSendsNoHeaders() {
        Figures f = governed(false);
        int naive = naive429s();
        System.out.printf("feedback numbers without headers: permits=%d upstream429=%d naive429=%d "
                + "perMinute=[%d, %d]%n", f.permits(), f.upstream429(), naive, f.minPerMinute(), f.maxPerMinute());
        assertTrue(f.maxPerMinute() <= 150, "never above the policy");
        assertTrue(f.upstream429() * 10 <= naive, f.upstream429() + " 429s vs naive " + naive);
    }
}
