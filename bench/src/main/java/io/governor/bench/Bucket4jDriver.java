package io.governor.bench;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.local.SynchronizationStrategy;

/**
 * The Bucket4j baseline: a local bucket per scope (one per lane for THREE_LANES, picked round-robin with
 * fallback to the next lane, as a user would), with the same bandwidths and the same virtual clock as
 * {@link CoreDriver}. SynchronizationStrategy.NONE: the state is per thread, like the core's, so Bucket4j pays
 * no CAS either — its fastest configuration.
 */
public final class Bucket4jDriver {
    private final LocalBucket[] buckets;
    private final long stepNanos;
    private long nowNanos = Scenario.START_MS * 1_000_000L;
    private int cursor;

    public Bucket4jDriver(Scenario scenario) {
        TimeMeter clock = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nowNanos;
            }

            @Override
            public boolean isWallClockBased() {
                return true; // epoch-based, which the aligned day refill needs
            }
        };
        this.stepNanos = scenario.permitStepMs * 1_000_000L;
        this.buckets = new LocalBucket[scenario.bucketCount()];
        for (int i = 0; i < buckets.length; i++) {
            LocalBucketBuilder b = new LocalBucketBuilder().withCustomTimePrecision(clock)
                    .withSynchronizationStrategy(SynchronizationStrategy.NONE);
            for (Bandwidth bw : scenario.bandwidths()) {
                b.addLimit(bw);
            }
            buckets[i] = b.build();
        }
    }

    /** Permit path: the clock moves by the scenario's step, then one token is taken (true = permitted). */
    public boolean permitOnce() {
        nowNanos += stepNanos;
        return tryConsume();
    }

    private boolean tryConsume() {
        for (int i = 0; i < buckets.length; i++) {
            int lane = cursor;
            cursor = cursor + 1 == buckets.length ? 0 : cursor + 1;
            if (buckets[lane].tryConsume(1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Binding path: the clock stands still, so after the burst is spent every call is refused with the time to
     * wait (Bucket4j has no queue; this is its "deferral").
     */
    public long refusedOnce() {
        long wait = Long.MAX_VALUE;
        for (LocalBucket bucket : buckets) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return 0;
            }
            wait = Math.min(wait, probe.getNanosToWaitForRefill());
        }
        return wait;
    }
}
