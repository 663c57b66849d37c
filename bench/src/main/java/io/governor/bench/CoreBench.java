package io.governor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks with modest settings (1 fork, 3 × 1 s warm-up, 5 × 1 s measurement: the machine has
 * 2 cores shared with others) and writes {@code bench/results/core.json} from the results ({@link BenchReport}
 * folds it into latest.json).
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.governor.bench.CoreBench [regex] [out.json]}.
 */
public final class CoreBench {
    private static final int STATE_WARM_UP = 100_000;

    private CoreBench() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        String include = args.length > 0 ? args[0] : "io\\.governor\\.bench\\..*";
        Path out = Path.of(args.length > 1 ? args[1] : "bench/results/core.json");
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<BenchFigure> figures = new ArrayList<>();
        for (RunResult r : results) {
            figures.add(BenchFigure.of(r));
        }
        List<StateSize> sizes = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            sizes.add(StateSize.measure(s, STATE_WARM_UP));
        }
        String command = "java -cp " + System.getProperty("java.class.path") + " io.governor.bench.CoreBench"
                + (args.length > 0 ? " '" + String.join("' '", args) + "'" : "");
        String json = new ResultsJson(figures, sizes, Machine.describe(), command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).render();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, json, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%nwrote %s%n%s", out, json);
    }
}
