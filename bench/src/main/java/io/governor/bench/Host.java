package io.governor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The machine a harness runs on: its load and JIT activity (read beside every figure) and its temp directories. */
public final class Host {
    private Host() {
    }

    /** One-minute load average from /proc/loadavg, -1 where there is none: other processes share these cores. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Milliseconds the JVM's JIT compilers have spent so far, -1 where it cannot tell: read before and after a run,
     * it says whether the run was past its warm-up.
     */
    public static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** Deletes a directory tree; a temp dir left behind is not worth failing a benchmark. */
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
