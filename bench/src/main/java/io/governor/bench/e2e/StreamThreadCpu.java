package io.governor.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.regex.Pattern;

/**
 * CPU time of one Streams application's stream threads ({@code <applicationId>-<uuid>-StreamThread-<n>}), the
 * threads that decode, decide, write the stores and produce. Unlike intents/s it hardly moves with the load other
 * processes put on the machine, so it is what to compare between two builds on a shared box.
 */
final class StreamThreadCpu {
    private static final Pattern STREAM_THREAD = Pattern.compile(".*-StreamThread-\\d+$");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StreamThreadCpu() {
    }

    /** Nanoseconds of CPU the application's live stream threads used so far (-1 where the JVM cannot tell). */
    static long nanos(String applicationId) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(applicationId + "-")
                    && STREAM_THREAD.matcher(t.getThreadName()).matches()) {
                long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }
}
