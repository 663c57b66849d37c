package io.governor.simulator.baseline;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.RejectionReason;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.scenario.Scenario;
import io.governor.simulator.report.RunTally;
import io.governor.simulator.upstream.Answer;
import io.governor.simulator.upstream.UpstreamTruth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What teams ran before Governor (contract: Report, baseline): N workers, each taking every N-th intent in arrival
 * order, each pacing itself with a local token bucket per limit at the policy's max / N (lanes: the lane limits
 * times the number of lanes, lanes used round-robin), making one call at a time, retrying a 429 after an
 * exponential backoff (1 s, 2 s, 4 s, ...; Retry-After ignored) up to {@code maxAttempts} (default
 * {@value #DEFAULT_ATTEMPTS}), knowing nothing of the other workers. An intent is decided at the start of its last
 * attempt (its wait runs to there); one past its deadline before its first call is rejected EXPIRED.
 */
public final class NaiveBaseline {
    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_ATTEMPTS = 5;
    private static final long FIRST_BACKOFF_MS = 1000;

    private final Scenario scenario;
    private final int workers;

    public NaiveBaseline(Scenario scenario, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        this.scenario = scenario;
        this.workers = workers;
    }

    /** Runs {@code intents} (createdAt order) against {@code truth}; returns the instant the last call finished. */
    public long run(List<Intent> intents, UpstreamTruth truth, RunTally tally) {
        List<Worker> all = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            all.add(new Worker(w));
        }
        for (int i = 0; i < intents.size(); i++) {
            all.get(i % workers).queue.add(intents.get(i));
            tally.offered(intents.get(i));
        }
        PriorityQueue<Worker> ready = new PriorityQueue<>(Comparator.comparingLong((Worker w) -> w.nextAt)
                .thenComparingInt(w -> w.index));
        for (Worker w : all) {
            if (!w.queue.isEmpty()) {
                w.nextAt = w.queue.peek().createdAt();
                ready.add(w);
            }
        }
        long last = scenario.startMs();
        while (!ready.isEmpty()) {
            Worker w = ready.poll();
            last = Math.max(last, w.step(truth, tally));
            if (w.current != null || !w.queue.isEmpty()) {
                ready.add(w);
            }
        }
        return last;
    }

    private final class Worker {
        final int index;
        final ArrayDeque<Intent> queue = new ArrayDeque<>();
        final Map<String, List<TokenBucket>> buckets = new HashMap<>();
        Intent current;
        int attempt;
        long nextAt;
        long calls;

        Worker(int index) {
            this.index = index;
        }

        /** Does what the worker does at nextAt and sets the next nextAt; returns the last instant it touched. */
        long step(UpstreamTruth truth, RunTally tally) {
            long t = nextAt;
            if (current == null) {
                Intent head = queue.peek();
                if (head.createdAt() > t) {
                    nextAt = head.createdAt();
                    return t;
                }
                current = queue.poll();
                attempt = 0;
            }
            if (attempt == 0 && current.deadline() != null && t > current.deadline()) {
                tally.rejected(current.account(), RejectionReason.EXPIRED, t);
                current = null;
                nextAt = queue.isEmpty() ? t : Math.max(t, queue.peek().createdAt());
                return t;
            }
            List<TokenBucket> own = buckets.computeIfAbsent(current.account(), this::bucketsFor);
            long tokenAt = t;
            for (TokenBucket b : own) {
                tokenAt = Math.max(tokenAt, b.availableAt(tokenAt));
            }
            if (tokenAt > t) {
                nextAt = tokenAt;
                return t;
            }
            own.forEach(b -> b.take(t));
            Answer answer = truth.call(current.account(), lane(current), t);
            calls++;
            tally.called(current.id(), current.account(), lane(current), t, answer);
            long finished = t + answer.latencyMs();
            int maxAttempts = current.maxAttempts() == null ? DEFAULT_ATTEMPTS : current.maxAttempts();
            if (answer.status() == Answer.TOO_MANY_REQUESTS && attempt + 1 < maxAttempts) {
                nextAt = finished + (FIRST_BACKOFF_MS << Math.min(attempt, 20));
                attempt++;
                return finished;
            }
            if (answer.status() == Answer.TOO_MANY_REQUESTS) {
                tally.rejected(current.account(), RejectionReason.ATTEMPTS_EXHAUSTED, t);
            } else {
                tally.permitted(current.account(), current.priority(), current.tenant(), t - current.createdAt(), t);
            }
            current = null;
            nextAt = queue.isEmpty() ? finished : Math.max(finished, queue.peek().createdAt());
            return finished;
        }

        private String lane(Intent intent) {
            if (intent.lane() != null) {
                return intent.lane();
            }
            AccountPolicy policy = scenario.policy().policyFor(intent.account()).orElseThrow();
            if (policy.lanes() == null) {
                return null;
            }
            List<String> members = policy.lanes().members();
            return members.get((int) ((index + calls) % members.size()));
        }

        private List<TokenBucket> bucketsFor(String account) {
            AccountPolicy policy = scenario.policy().policyFor(account).orElseThrow();
            List<TokenBucket> out = new ArrayList<>();
            for (LimitSpec l : policy.limits()) {
                out.add(bucket(l, l.max()));
            }
            if (policy.lanes() != null) {
                for (LimitSpec l : policy.lanes().limits()) {
                    out.add(bucket(l, l.max() * policy.lanes().members().size()));
                }
            }
            return out;
        }

        /** A calendar limit is paced like a rolling one: the naive client knows nothing of local midnight. */
        private TokenBucket bucket(LimitSpec limit, long max) {
            return new TokenBucket(Math.max(1.0, (double) max / workers), limit.per().toMillis(), scenario.startMs());
        }
    }
}
