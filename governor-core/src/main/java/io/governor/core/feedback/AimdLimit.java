package io.governor.core.feedback;

import io.governor.schemas.policy.AdaptiveSpec;

/**
 * Additive-increase, multiplicative-decrease of one scope's effective max, as a factor in [floor, 1]. A 429
 * multiplies the factor by {@code decrease} once per round trip: 429s of permits granted before the last cut
 * were sent under the old limit and do not cut again (a burst of them is one signal, as in TCP). Every
 * {@code every} without a 429 adds {@code increase}, up to 1. Recovery is derived from time when asked, so there
 * is nothing to schedule. Pure function of the inputs: the factor itself lives in the scope's window set.
 */
public final class AimdLimit {
    private AimdLimit() {
    }

    /** The factor after a 429 of a permit that started at {@code permitNotBefore}; unchanged if already cut. */
    public static double afterRateLimited(double factor, long permitNotBefore, long lastCutAt, AdaptiveSpec spec) {
        if (spec == null || permitNotBefore < lastCutAt) {
            return factor;
        }
        return Math.max(spec.floor(), factor * spec.decrease());
    }

    /** Steps of {@code increase} earned at {@code now} since {@code lastChangeAt} (0 when none yet). */
    public static long steps(long lastChangeAt, long now, AdaptiveSpec spec) {
        if (spec == null || now <= lastChangeAt) {
            return 0;
        }
        return (now - lastChangeAt) / spec.every().toMillis();
    }

    /** The factor after {@code steps} recovery steps. */
    public static double recovered(double factor, long steps, AdaptiveSpec spec) {
        return steps <= 0 ? factor : Math.min(1.0, factor + steps * spec.increase());
    }
}
