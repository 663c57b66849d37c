package io.governor.bench;

import io.governor.schemas.event.Intent;
import io.governor.schemas.event.Priority;
import io.governor.schemas.json.GovernorJson;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Not JMH: reads and writes the intent the end-to-end producer sends ({@code GovernorJson}, as the governor's
 * and the pass-through's serdes do), CPU per call over 8 rounds. Both topologies pay this per intent, so it moves
 * their absolute speed, not the ratio. For A/B runs of two builds:
 * {@code java -cp bench/target/benchmarks.jar io.governor.bench.JsonReadLoop 500000}.
 */
public final class JsonReadLoop {
    private JsonReadLoop() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        byte[][] intents = new byte[1024][];
        for (int i = 0; i < intents.length; i++) {
            intents[i] = GovernorJson.toBytes(new Intent("i" + (1_000_000 + i), "acct-" + (i % 100), null, null,
                    Priority.NORMAL, 1, null, null, null, null, null, null, null, null, 1_700_000_000_000L + i));
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Intent sample = GovernorJson.decode(intents[0], Intent.class);
        long sink = 0;
        for (int round = 1; round <= 8; round++) {
            long start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += GovernorJson.decode(intents[i & 1023], Intent.class).cost();
            }
            long read = cpu.getCurrentThreadCpuTime() - start;
            start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink += GovernorJson.toBytes(sample).length;
            }
            long written = cpu.getCurrentThreadCpuTime() - start;
            System.out.printf(Locale.ROOT, "round %d: read %.0f ns, write %.0f ns CPU per intent%n", round,
                    read / (double) n, written / (double) n);
        }
        if (sink == 42) {
            System.out.println(); // keeps the loops' results alive
        }
    }
}
