package io.governor.bench.release;

import io.governor.core.admission.AccountAdmission;
import io.governor.core.admission.AdmissionPolicy;
import io.governor.core.admission.AdmissionSettings;
import io.governor.core.decision.AdmissionDecision;
import io.governor.schemas.event.Intent;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.QueueSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Cost of releasing one waiting intent when {@code depth} intents wait, for one backend. The queue is filled
 * (not timed), then each round times the {@code release} calls that let {@link #BATCH} intents go (half the
 * depth when that is less, so the queue never runs dry mid-round; the clock
 * jumps to each {@code nextWakeAt()}), and tops the queue up again with as many new arrivals (not timed), so the
 * depth stays where it was. The figure is the median round's ns per released intent. A store behind a
 * write-behind view is written out every {@link #CALLS_PER_COMMIT} release calls (timed with them) and every
 * {@link #BATCH} arrivals (not timed).
 */
final class ReleaseCost {
    static final int BATCH = 500;
    /** A 100 ms commit interval over the 20 ms release tick. */
    static final int CALLS_PER_COMMIT = 5;
    /**
     * 1,000/s with SMOOTH pacing: a release every ms, up to lookahead ÷ 1 ms intents per call. The queue may hold
     * 2 M (the default 100 K would shed the deeper runs).
     */
    static final AccountPolicy POLICY = new AccountPolicy(List.of(LimitSpec.rolling(1_000, Duration.ofSeconds(1))),
            1.0, null, null, null, null, null, new QueueSpec(2_000_000), null, null, null, null, null, null, null,
            null, null, null);
    static final long START_MS = 1_767_571_200_000L; // 2026-01-05T00:00:00Z

    private ReleaseCost() {
    }

    record Figure(ReleaseBackend backend, int depth, int rounds, double nsPerRelease, double fillSeconds) {
    }

    static Figure measure(ReleaseBackend backend, int depth, int rounds, Path stateDir) {
        AdmissionPolicy policy = new AdmissionPolicy(POLICY);
        // Ids outlive the run: dedup holds every intent offered, as it would within a day.
        AdmissionSettings settings = AdmissionSettings.defaults();
        try (var opened = backend.open("acct", policy, settings, stateDir)) {
            AccountAdmission a = opened.admission();
            long now = START_MS;
            int next = 0;
            long fillStart = System.nanoTime();
            while (a.queueDepth() < depth) {
                a.offer(Intent.of("w" + next++, "acct"), now);
                if (next % BATCH == 0) {
                    opened.commit();
                }
            }
            opened.commit();
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            int batch = Math.min(BATCH, Math.max(1, depth / 2));
            double[] perRelease = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                int released = 0;
                long spent = 0;
                for (int calls = 1; released < batch; calls++) {
                    now = Math.max(now, a.nextWakeAt());
                    long t0 = System.nanoTime();
                    List<AdmissionDecision> ds = a.release(now);
                    if (calls % CALLS_PER_COMMIT == 0) {
                        opened.commit();
                    }
                    spent += System.nanoTime() - t0;
                    for (AdmissionDecision d : ds) {
                        released += d instanceof AdmissionDecision.Permitted ? 1 : 0;
                    }
                }
                long t0 = System.nanoTime();
                opened.commit(); // what the round's last calls left pending
                spent += System.nanoTime() - t0;
                perRelease[r] = spent / (double) released;
                while (a.queueDepth() < depth) {
                    a.offer(Intent.of("w" + next++, "acct"), now);
                }
                opened.commit();
            }
            Arrays.sort(perRelease);
            return new Figure(backend, depth, rounds, perRelease[rounds / 2], fillSeconds);
        }
    }
}
