package io.governor.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

/**
 * Not JMH: two core builds in one JVM, each in its own class loader (its core jar first, then this benchmarks
 * jar), run in alternating slices of 200 ms: {@code java -cp bench/target/benchmarks.jar io.governor.bench.CoreAb
 * <coreA.jar> <coreB.jar> SYDNEY_DAY [binding] [slices]}. Alternating {@link PermitLoop} runs on a machine shared
 * with other jobs differ by 10-30% from run to run; here both builds meet the same load slice by slice, and the
 * median of the per-pair ratios B/A is steady to a few percent. JIT decisions still differ per JVM, so run it
 * several times, swapping A and B. Prints M decisions per CPU-second (the binding path counts deferrals too).
 */
public final class CoreAb {
    private static final long SLICE_NANOS = 200_000_000L;

    private CoreAb() {
    }

    /** One build's driver; loaded once per class loader, so each instance runs its own loader's core. */
    public static final class Slice implements LongUnaryOperator {
        private final CoreDriver core;
        private final boolean binding;
        private long sink;

        public Slice(String scenario, Boolean binding) {
            this.core = new CoreDriver(Scenario.valueOf(scenario), "acct");
            this.binding = binding;
        }

        /** Runs for {@code nanos} of wall time; returns the decisions made. */
        @Override
        public long applyAsLong(long nanos) {
            long n = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < nanos) {
                if (binding) {
                    for (int i = 0; i < 20; i++) {
                        n += core.bindingBatch(AdmissionBenchmark.BATCH, ds -> sink += ds.size());
                    }
                } else {
                    for (int i = 0; i < 10_000; i++) {
                        sink += core.permitOnce().hashCode();
                    }
                    n += 10_000;
                }
            }
            return sink == 42 ? n + 1 : n; // sink read, so the decisions are not optimised away
        }
    }

    public static void main(String[] args) throws ReflectiveOperationException, MalformedURLException {
        String scenario = args[2];
        boolean binding = args.length > 3 && args[3].equals("binding");
        int slices = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        URL self = CoreAb.class.getProtectionDomain().getCodeSource().getLocation();
        LongUnaryOperator[] builds = new LongUnaryOperator[2];
        for (int k = 0; k < 2; k++) {
            URL[] urls = {new File(args[k]).toURI().toURL(), self};
            ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            builds[k] = (LongUnaryOperator) loader.loadClass(Slice.class.getName())
                    .getConstructor(String.class, Boolean.class).newInstance(scenario, binding);
        }
        for (int warm = 0; warm < 6; warm++) {
            builds[0].applyAsLong(SLICE_NANOS * 3 / 2);
            builds[1].applyAsLong(SLICE_NANOS * 3 / 2);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[][] rate = new double[2][slices];
        for (int s = 0; s < slices; s++) {
            for (int j = 0; j < 2; j++) {
                int k = (s & 1) == 0 ? j : 1 - j; // alternate which build goes first
                long cpuStart = cpu.getCurrentThreadCpuTime();
                long n = builds[k].applyAsLong(SLICE_NANOS);
                rate[k][s] = n / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e3);
            }
        }
        double[] ratio = new double[slices];
        for (int s = 0; s < slices; s++) {
            ratio[s] = rate[1][s] / rate[0][s];
        }
        System.out.printf(Locale.ROOT, "%s%s A %.2f B %.2f M decisions per CPU-second, B/A per-pair median %.3f%n",
                scenario, binding ? " binding" : "", median(rate[0]), median(rate[1]), median(ratio));
    }

    private static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y[y.length / 2];
    }
}
