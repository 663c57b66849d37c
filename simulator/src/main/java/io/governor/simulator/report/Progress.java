package io.governor.simulator.report;

import java.io.PrintStream;

/**
 * Progress of a long run on stderr: a bar redrawn in place on a terminal, else a plain line every 5% of virtual
 * time. Wall time is read only to rate-limit redraws; it never drives the simulation.
 */
public final class Progress {
    public static final Progress SILENT = new Progress(null, false, 1, 1);

    private final PrintStream out;
    private final boolean terminal;
    private final long startMs;
    private final long totalMs;
    private int lastStep = -1;
    private long lastDrawNanos;

    public Progress(PrintStream out, boolean terminal, long startMs, long totalMs) {
        this.out = out;
        this.terminal = terminal;
        this.startMs = startMs;
        this.totalMs = Math.max(1, totalMs);
    }

    /** Progress for a run on stderr, a bar when a console is attached. */
    public static Progress onStderr(long startMs, long totalMs) {
        return new Progress(System.err, System.console() != null, startMs, totalMs);
    }

    public void update(String label, long virtualNowMs, long decisions) {
        if (out == null) {
            return;
        }
        double done = Math.min(1.0, Math.max(0, virtualNowMs - startMs) / (double) totalMs);
        if (terminal) {
            long nanos = System.nanoTime();
            if (nanos - lastDrawNanos < 100_000_000L && done < 1.0) {
                return;
            }
            lastDrawNanos = nanos;
            int width = 30;
            int filled = (int) (done * width);
            out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
                    + String.format("%3d%%", (int) (done * 100)) + " " + seconds(virtualNowMs - startMs) + "/"
                    + seconds(totalMs) + " virtual, " + decisions + " decisions");
            out.flush();
        } else {
            int step = (int) (done * 20);
            if (step > lastStep) {
                lastStep = step;
                out.println(label + ": " + (step * 5) + "% of virtual time (" + seconds(virtualNowMs - startMs) + "/"
                        + seconds(totalMs) + "), " + decisions + " decisions");
            }
        }
    }

    public void finish() {
        if (out != null && terminal) {
            out.println();
        }
    }

    private static String seconds(long ms) {
        return (ms / 1000) + "s";
    }
}
