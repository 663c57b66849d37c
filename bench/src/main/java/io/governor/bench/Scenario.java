package io.governor.bench;

import io.github.bucket4j.Bandwidth;
import io.governor.core.admission.AdmissionSettings;
import io.governor.schemas.policy.AccountPolicy;
import io.governor.schemas.policy.LaneSpec;
import io.governor.schemas.policy.LimitSpec;
import io.governor.schemas.policy.Pacing;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The three benchmarked policies, with the virtual-time step that keeps each one uncontended and the closest
 * Bucket4j bandwidths. Policies use the defaults a user gets (SMOOTH pacing, validity 50 ms, safety 1.0).
 */
public enum Scenario {
    /** (a) 5/s + 60K/day, the day a calendar day of Australia/Sydney. */
    SYDNEY_DAY(1_500, AdmissionSettings.DEFAULT_DEDUP_RETENTION_MS),
    /** (b) 3 lanes, each 60/min + 1000/h (no account-wide limit). */
    THREE_LANES(1_300, AdmissionSettings.DEFAULT_DEDUP_RETENTION_MS),
    /** (c) one rolling rate, 1000/s. Dedup retention 5 min: 24 h at this rate would keep ~43 M ids. */
    ONE_RATE(3, 300_000);

    static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    static final List<String> LANES = List.of("ip-1", "ip-2", "ip-3");
    /** Virtual epoch of every run: Monday 2026-01-05 00:00 UTC. */
    static final long START_MS = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    /**
     * Virtual ms between two offers on the permit path: longer than the SMOOTH pacing interval and slow enough
     * that no window fills (a: 57,600/day under 60K; b: a lane every 3.9 s is 923/h under 1000; c: 333/s).
     */
    final long permitStepMs;
    final long dedupRetentionMs;

    Scenario(long permitStepMs, long dedupRetentionMs) {
        this.permitStepMs = permitStepMs;
        this.dedupRetentionMs = dedupRetentionMs;
    }

    AccountPolicy policy() {
        List<LimitSpec> limits;
        LaneSpec lanes = null;
        switch (this) {
            case SYDNEY_DAY -> limits = List.of(LimitSpec.rolling(5, Duration.ofSeconds(1)),
                    LimitSpec.calendar(60_000, Duration.ofDays(1), SYDNEY));
            case THREE_LANES -> {
                limits = List.of();
                lanes = new LaneSpec(LANES, List.of(LimitSpec.rolling(60, Duration.ofMinutes(1)),
                        LimitSpec.rolling(1_000, Duration.ofHours(1))));
            }
            case ONE_RATE -> limits = List.of(LimitSpec.rolling(1_000, Duration.ofSeconds(1)));
            default -> throw new IllegalStateException(name());
        }
        return new AccountPolicy(limits, 1.0, Pacing.SMOOTH, null, null, null, null, null, null, null, null, lanes,
                null, null, null, null, null, null);
    }

    AdmissionSettings settings() {
        return AdmissionSettings.defaults().withDedupRetention(dedupRetentionMs);
    }

    /** Number of independent buckets a Bucket4j user needs (one per lane). */
    int bucketCount() {
        return this == THREE_LANES ? LANES.size() : 1;
    }

    /**
     * Bucket4j's closest equivalents: greedy refill for rolling limits (a token bucket with burst = max, so it
     * admits up to 2× max in some windows where the rolling window does not), and an interval refill aligned to
     * Sydney midnight for the calendar day (fixed 24 h period: it ignores the 23 h and 25 h DST days).
     */
    List<Bandwidth> bandwidths() {
        return switch (this) {
            case SYDNEY_DAY -> List.of(
                    Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofSeconds(1)).build(),
                    Bandwidth.builder().capacity(60_000).refillIntervallyAligned(60_000, Duration.ofDays(1),
                            LocalDate.ofInstant(Instant.ofEpochMilli(START_MS), SYDNEY).plusDays(1)
                                    .atStartOfDay(SYDNEY).toInstant()).build());
            case THREE_LANES -> List.of(
                    Bandwidth.builder().capacity(60).refillGreedy(60, Duration.ofMinutes(1)).build(),
                    Bandwidth.builder().capacity(1_000).refillGreedy(1_000, Duration.ofHours(1)).build());
            case ONE_RATE -> List.of(
                    Bandwidth.builder().capacity(1_000).refillGreedy(1_000, Duration.ofSeconds(1)).build());
        };
    }
}
