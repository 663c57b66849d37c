package io.governor.core.lane;

/**
 * Picks the lane that can go earliest; among lanes that tie, the first at or after the round-robin cursor, so
 * equally free lanes take turns.
 */
public final class LaneSelector {
    private LaneSelector() {
    }

    /** Index in [0, n) of the least {@code earliest[i]}, ties broken from {@code cursor} onwards cyclically. */
    public static int pick(long[] earliest, int n, int cursor) {
        int best = -1;
        for (int k = 0, i = cursor % n; k < n; k++, i = i + 1 == n ? 0 : i + 1) { // no division per lane
            if (best < 0 || earliest[i] < earliest[best]) {
                best = i;
            }
        }
        return best;
    }
}
