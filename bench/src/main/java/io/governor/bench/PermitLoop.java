package io.governor.bench;

import java.util.Locale;

/**
 * Not JMH: a plain timed loop over {@link CoreDriver#permitOnce()} (4 rounds of the given seconds; the last is
 * the figure). Only for quick A/B runs of two core builds, interleaved, on a shared machine where the real JMH
 * suite may run only a few times: {@code java -cp <core.jar>:bench/target/benchmarks.jar
 * io.governor.bench.PermitLoop SYDNEY_DAY 1}.
 */
public final class PermitLoop {
    private PermitLoop() {
    }

    public static void main(String[] args) {
        Scenario scenario = Scenario.valueOf(args[0]);
        long nanos = Long.parseLong(args.length > 1 ? args[1] : "1") * 1_000_000_000L;
        CoreDriver core = new CoreDriver(scenario, "acct");
        int permitted = 0;
        for (int round = 0; round < 4; round++) {
            long n = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < nanos) {
                for (int i = 0; i < 10_000; i++) {
                    permitted += core.permitOnce() instanceof io.governor.core.decision.AdmissionDecision.Permitted
                            ? 1 : 0;
                }
                n += 10_000;
            }
            double perSecond = n / ((System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "%s round %d: %.2f M decisions/s (%d permitted)%n", scenario, round,
                    perSecond / 1e6, permitted);
        }
    }
}
