package io.governor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Not JMH: a plain timed loop over {@link CoreDriver#permitOnce()} (4 rounds of the given seconds; the last is
 * the figure; with a third argument {@code binding}, intents through {@link CoreDriver#bindingBatch} instead).
 * Only for quick A/B runs of two core builds, interleaved, on a shared machine where the real JMH
 * suite may run only a few times: {@code java -cp <core.jar>:bench/target/benchmarks.jar
 * io.governor.bench.PermitLoop SYDNEY_DAY 1}. Besides decisions per wall-clock second it prints decisions per
 * second of this thread's CPU time: on a machine shared with other jobs the wall-clock rate mostly measures
 * how often the thread got a core, the CPU-time rate much less so.
 */
public final class PermitLoop {
    private PermitLoop() {
    }

    public static void main(String[] args) {
        Scenario scenario = Scenario.valueOf(args[0]);
        long nanos = Long.parseLong(args.length > 1 ? args[1] : "1") * 1_000_000_000L;
        boolean binding = args.length > 2 && args[2].equals("binding");
        CoreDriver core = new CoreDriver(scenario, "acct");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int permitted = 0;
        for (int round = 0; round < 4; round++) {
            long n = 0;
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            while (System.nanoTime() - start < nanos) {
                if (binding) { // intents through the binding path: deferred, then permitted by release
                    for (int i = 0; i < 100; i++) {
                        core.bindingBatch(AdmissionBenchmark.BATCH, ds -> { });
                    }
                    n += 100 * AdmissionBenchmark.BATCH;
                    permitted += 100 * AdmissionBenchmark.BATCH;
                    continue;
                }
                for (int i = 0; i < 10_000; i++) {
                    permitted += core.permitOnce() instanceof io.governor.core.decision.AdmissionDecision.Permitted
                            ? 1 : 0;
                }
                n += 10_000;
            }
            double perSecond = n / ((System.nanoTime() - start) / 1e9);
            double perCpuSecond = n / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            System.out.printf(Locale.ROOT, "%s round %d: %.2f M decisions/s (%d permitted), %.2f M per CPU-second%n",
                    scenario, round, perSecond / 1e6, permitted, perCpuSecond / 1e6);
        }
    }
}
