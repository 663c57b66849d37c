package io.governor.simulator.live;

import java.io.PrintStream;

/**
 * Progress of a live run in real time: a bar redrawn in place on a terminal (at most 5 times a second), else a
 * plain line every 10 seconds. Shows time done of the scenario's duration, permits, intents deferred, rejections
 * and 429s so far.
 */
final class LiveProgress {
    private static final long LINE_EVERY_MS = 10_000;

    private final PrintStream out;
    private final boolean terminal;
    private final long startMs;
    private final long totalMs;
    private boolean drawn;
    private long lastDrawMs;

    LiveProgress(PrintStream out, boolean terminal, long startMs, long totalMs) {
        this.out = out;
        this.terminal = terminal;
        this.startMs = startMs;
        this.totalMs = Math.max(1, totalMs);
    }

    /** The figures so far, at real time {@code nowMs}. */
    record Counts(long offered, long permitted, long deferred, long rejected, long rateLimited) {
    }

    void update(long nowMs, Counts c) {
        if (out == null || drawn && nowMs - lastDrawMs < (terminal ? 200 : LINE_EVERY_MS)) {
            return;
        }
        drawn = true;
        lastDrawMs = nowMs;
        long elapsed = Math.max(0, nowMs - startMs);
        double done = Math.min(1.0, elapsed / (double) totalMs);
        String figures = (elapsed / 1000) + "s/" + (totalMs / 1000) + "s, " + c.offered() + " offered, " + c.permitted()
                + " permitted, " + c.deferred() + " deferred, " + c.rejected() + " rejected, " + c.rateLimited()
                + " × 429";
        if (terminal) {
            int width = 30;
            int filled = (int) (done * width);
            out.print("\rlive [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
                    + String.format("%3d%% ", (int) (done * 100)) + figures + (elapsed > totalMs ? " (draining)" : "")
                    + "   ");
            out.flush();
        } else {
            out.println("live: " + (elapsed > totalMs ? "draining, " : "") + figures);
        }
    }

    void finish(long nowMs, Counts c) {
        drawn = false;
        update(nowMs, c);
        if (out != null && terminal) {
            out.println();
        }
    }
}
