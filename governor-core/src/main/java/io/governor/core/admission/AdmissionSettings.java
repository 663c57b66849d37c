package io.governor.core.admission;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What the host decides rather than the policy: how far ahead permits start ({@code lookaheadMs}, at least the
 * host's commit interval plus transport), how late after {@link AccountAdmission#nextWakeAt} the host may call
 * release ({@code releaseTickMs}, its release tick), how long intent ids are remembered for dedup, and the random
 * source of jitter (seed it for reproducible runs).
 *
 * <p>The release tick lets a waiting intent be permitted at its exact earliest time: the account asks to be woken
 * one tick before that time less the lookahead, and permits it there at that time, instead of at the first tick
 * after it (a 2 s pacing would become 2.02 s on a 20 ms tick). 0 permits on the host's calls only.
 */
public record AdmissionSettings(long lookaheadMs, long releaseTickMs, long dedupRetentionMs, RandomGenerator random) {
    public static final long DEFAULT_LOOKAHEAD_MS = 250;
    /** The governor's default release punctuation (governor --tick). */
    public static final long DEFAULT_RELEASE_TICK_MS = 20;
    public static final long DEFAULT_DEDUP_RETENTION_MS = 24L * 3_600_000L;

    public AdmissionSettings {
        if (lookaheadMs < 0) {
            throw new IllegalArgumentException("lookaheadMs must be >= 0, was " + lookaheadMs);
        }
        if (releaseTickMs < 0) {
            throw new IllegalArgumentException("releaseTickMs must be >= 0, was " + releaseTickMs);
        }
        if (dedupRetentionMs < 1) {
            throw new IllegalArgumentException("dedupRetentionMs must be >= 1, was " + dedupRetentionMs);
        }
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
    }

    /** 250 ms lookahead, 20 ms release tick, 24 h dedup, jitter seeded with 0. */
    public static AdmissionSettings defaults() {
        return new AdmissionSettings(DEFAULT_LOOKAHEAD_MS, DEFAULT_RELEASE_TICK_MS, DEFAULT_DEDUP_RETENTION_MS,
                new SplittableRandom(0));
    }

    public AdmissionSettings withLookahead(long ms) {
        return new AdmissionSettings(ms, releaseTickMs, dedupRetentionMs, random);
    }

    public AdmissionSettings withReleaseTick(long ms) {
        return new AdmissionSettings(lookaheadMs, ms, dedupRetentionMs, random);
    }

    public AdmissionSettings withDedupRetention(long ms) {
        return new AdmissionSettings(lookaheadMs, releaseTickMs, ms, random);
    }

    public AdmissionSettings withRandom(RandomGenerator r) {
        return new AdmissionSettings(lookaheadMs, releaseTickMs, dedupRetentionMs, r);
    }
}
