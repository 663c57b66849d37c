package io.governor.bench;

import io.governor.bench.e2e.EndToEndBench;
import io.governor.bench.release.ReleaseCostBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One command for every benchmark of issue #8, one after another (never two at once: they share the cores):
 * the core JMH suite, end to end with the scaling sweeps, release cost against depth, then {@link BenchReport}.
 * Arguments are passed to EndToEndBench (e.g. {@code --intents 200000}); {@code --skip-core} leaves the JMH
 * part out (its file from an earlier run stays).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.governor.bench.BenchAll [--skip-core] [EndToEndBench options]}
 */
public final class BenchAll {
    private BenchAll() {
    }

    public static void main(String[] args) throws Exception {
        List<String> e2eArgs = new ArrayList<>(Arrays.asList(args));
        boolean skipCore = e2eArgs.remove("--skip-core");
        if (!e2eArgs.contains("--scaling")) {
            e2eArgs.add("--scaling");
        }
        if (!skipCore) {
            CoreBench.main(new String[0]);
        }
        EndToEndBench.main(e2eArgs.toArray(String[]::new));
        ReleaseCostBench.main(new String[0]);
        BenchReport.write(Path.of("bench/results"), "java -cp bench/target/benchmarks.jar " + BenchAll.class.getName()
                + (args.length > 0 ? " " + String.join(" ", args) : ""));
    }
}
