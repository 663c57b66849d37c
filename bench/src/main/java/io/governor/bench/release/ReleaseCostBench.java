package io.governor.bench.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.governor.bench.Host;
import io.governor.bench.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Release cost against queue depth (1 K → 1 M waiting intents of one account) for each backend; the target is a
 * flat cost (1 M ÷ 1 K ≤ 2). Writes {@code bench/results/release.json}.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.governor.bench.release.ReleaseCostBench [--depths
 * 1000,10000,100000,1000000] [--backends CORE_IN_MEMORY,STORE_SKIP_LIST,STORE_ROCKSDB] [--rounds 9] [--out FILE]
 * [--merge]}: with {@code --merge}, the rows of backends not run this time are kept from the existing file, so a
 * slow backend can be measured in a run of its own.
 */
public final class ReleaseCostBench {
    static final int WARM_UP_DEPTH = 1_000;
    static final int WARM_UP_ROUNDS = 10;

    private ReleaseCostBench() {
    }

    public static void main(String[] args) throws IOException {
        List<Integer> depths = List.of(1_000, 10_000, 100_000, 1_000_000);
        List<ReleaseBackend> backends = List.of(ReleaseBackend.values());
        int rounds = 9;
        Path out = Path.of("bench/results/release.json");
        boolean merge = false;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--merge")) {
                merge = true;
                i--;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--depths" -> depths = Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--backends" -> backends = Arrays.stream(args[i + 1].split(",")).map(ReleaseBackend::valueOf)
                        .toList();
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String command = "java -cp bench/target/benchmarks.jar " + ReleaseCostBench.class.getName()
                + (args.length > 0 ? " " + String.join(" ", args) : "");
        Map<String, Object> json = run(depths, backends, rounds, command);
        if (merge && Files.exists(out)) {
            json = merged(Json.read(out), json, backends);
        }
        Json.write(out, json);
        System.out.printf(Locale.ROOT, "wrote %s%n", out);
    }

    public static Map<String, Object> run(List<Integer> depths, List<ReleaseBackend> backends, int rounds,
                                          String command) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (ReleaseBackend backend : backends) {
            List<ReleaseCost.Figure> figures = new ArrayList<>();
            warmUp(backend);
            for (int depth : depths) {
                Path dir = Files.createTempDirectory("bench-release-");
                try {
                    ReleaseCost.Figure f = ReleaseCost.measure(backend, depth, rounds, dir);
                    figures.add(f);
                    double load = Host.loadAverage();
                    System.out.printf(Locale.ROOT, "%-16s depth %,9d: %,10.0f ns per released intent (fill %.1f s,"
                            + " load %.2f)%n", backend, depth, f.nsPerRelease(), f.fillSeconds(), load);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("backend", backend.name());
                    row.put("depth", depth);
                    row.put("nsPerRelease", Math.round(f.nsPerRelease()));
                    row.put("rounds", rounds);
                    row.put("batch", ReleaseCost.BATCH);
                    row.put("loadAverage", load);
                    rows.add(row);
                } finally {
                    Host.deleteTree(dir);
                }
            }
            if (figures.size() > 1) {
                ratios.put(backend.name(), Json.round3(figures.get(figures.size() - 1).nsPerRelease()
                        / figures.get(0).nsPerRelease()));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warmUp", "per backend, " + WARM_UP_ROUNDS + " rounds at depth " + WARM_UP_DEPTH + ", discarded");
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("command", command);
        m.put("policy", "1000/s rolling, SMOOTH, lookahead 250 ms, queue.max 2,000,000; one account");
        m.put("method", "queue filled to depth (untimed); per round, time release() calls until " + ReleaseCost.BATCH
                + " intents are permitted, then top the queue up (untimed); median of rounds");
        m.put("costRatioDeepestVsShallowest", ratios);
        m.put("results", rows);
        return m;
    }

    /** The first depth would otherwise be measured by the interpreter and look slower than the deeper ones. */
    private static void warmUp(ReleaseBackend backend) throws IOException {
        Path dir = Files.createTempDirectory("bench-release-warm-");
        try {
            ReleaseCost.measure(backend, WARM_UP_DEPTH, WARM_UP_ROUNDS, dir);
        } finally {
            Host.deleteTree(dir);
        }
    }

    /** This run's rows and ratios, plus those of the earlier file's other backends, and both commands. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(JsonNode earlier, Map<String, Object> now, List<ReleaseBackend> ran) {
        Set<String> names = new HashSet<>();
        ran.forEach(b -> names.add(b.name()));
        List<Object> rows = new ArrayList<>();
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (JsonNode r : earlier.path("results")) {
            if (!names.contains(r.path("backend").asText())) {
                rows.add(r);
            }
        }
        JsonNode earlierRatios = earlier.path("costRatioDeepestVsShallowest");
        earlierRatios.fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                ratios.put(name, earlierRatios.get(name));
            }
        });
        rows.addAll((List<Object>) now.get("results"));
        ratios.putAll((Map<String, Object>) now.get("costRatioDeepestVsShallowest"));
        Map<String, Object> m = new LinkedHashMap<>(now);
        m.put("command", earlier.path("command").asText() + " ; " + now.get("command"));
        m.put("costRatioDeepestVsShallowest", ratios);
        m.put("results", rows);
        return m;
    }
}
