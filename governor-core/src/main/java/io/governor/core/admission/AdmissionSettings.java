package io.governor.core.admission;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What the host decides rather than the policy: how far ahead permits start ({@code lookaheadMs}, at least the
 * host's commit interval plus transport), how long intent ids are remembered for dedup, and the random source
 * of jitter (seed it for reproducible runs).
 */
public record AdmissionSettings(long lookaheadMs, long dedupRetentionMs, RandomGenerator random) {
    public static final long DEFAULT_LOOKAHEAD_MS = 250;
    public static final long DEFAULT_DEDUP_RETENTION_MS = 24L * 3_600_000L;

    public AdmissionSettings {
        if (lookaheadMs < 0) {
            throw new IllegalArgumentException("lookaheadMs must be >= 0, was " + lookaheadMs);
        }
        if (dedupRetentionMs < 1) {
            throw new IllegalArgumentException("dedupRetentionMs must be >= 1, was " + dedupRetentionMs);
        }
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
    }

    /** 250 ms lookahead, 24 h dedup, jitter seeded with 0. */
    public static AdmissionSettings defaults() {
        return new AdmissionSettings(DEFAULT_LOOKAHEAD_MS, DEFAULT_DEDUP_RETENTION_MS, new SplittableRandom(0));
    }

    public AdmissionSettings withLookahead(long ms) {
        return new AdmissionSettings(ms, dedupRetentionMs, random);
    }

    public AdmissionSettings withDedupRetention(long ms) {
        return new AdmissionSettings(lookaheadMs, ms, random);
    }

    public AdmissionSettings withRandom(RandomGenerator r) {
        return new AdmissionSettings(lookaheadMs, dedupRetentionMs, r);
    }
}
