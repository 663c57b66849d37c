package io.governor.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders bench/results/core.json. Headline figures are single-thread: coreDecisionsPerSecond (permit and
 * binding path per scenario), coreRatioVsBucket4j (core permit ÷ Bucket4j permit, same run), the same two for
 * the limit decision alone (coreLimitsDecisionsPerSecond, coreLimitsRatioVsBucket4j: what Bucket4j decides,
 * without dedup, lease and queue) and stateBytesPerAccount; every JMH figure is listed under results.
 */
record ResultsJson(List<BenchFigure> figures, List<StateSize> sizes, Machine machine, String command, String date) {

    String render() {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"date\": ").append(str(date)).append(",\n");
        b.append("  \"command\": ").append(str(command)).append(",\n");
        b.append("  \"jdk\": ").append(str(machine.jdk())).append(",\n");
        b.append("  \"machine\": {\"nproc\": ").append(machine.nproc()).append(", \"cpuModel\": ")
                .append(str(machine.cpuModel())).append(", \"os\": ").append(str(machine.os())).append("},\n");
        b.append("  \"jmh\": {\"forks\": 1, \"warmup\": \"3 x 1 s\", \"measurement\": \"5 x 1 s\"},\n");
        b.append("  \"coreDecisionsPerSecond\": {");
        String sep = "";
        for (Scenario s : Scenario.values()) {
            b.append(sep).append("\n    ").append(str(s.name())).append(": {\"permit\": ")
                    .append(num(score("corePermit", s, 1))).append(", \"binding\": ")
                    .append(num(score("coreBinding", s, 1))).append(", \"permit2Threads\": ")
                    .append(num(score("corePermit", s, 2))).append("}");
            sep = ",";
        }
        b.append("\n  },\n  \"coreRatioVsBucket4j\": {");
        ratios(b, "corePermit", "bucket4jPermit");
        b.append("\n  },\n  \"coreLimitsDecisionsPerSecond\": {");
        sep = "";
        for (Scenario s : Scenario.values()) {
            b.append(sep).append("\n    ").append(str(s.name())).append(": {\"permit\": ")
                    .append(num(score("limitsPermit", s, 1))).append(", \"refused\": ")
                    .append(num(score("limitsRefused", s, 1))).append(", \"permit2Threads\": ")
                    .append(num(score("limitsPermit", s, 2))).append("}");
            sep = ",";
        }
        b.append("\n  },\n  \"coreLimitsRatioVsBucket4j\": {");
        ratios(b, "limitsPermit", "bucket4jPermit");
        b.append("\n  },\n  \"stateBytesPerAccount\": {");
        sep = "";
        for (StateSize z : sizes) {
            b.append(sep).append("\n    ").append(str(z.scenario().name())).append(": {\"serialized\": ")
                    .append(z.serializedBytes()).append(", \"retainedHeap\": ").append(z.heapBytes())
                    .append(", \"dedupHeapBytesPerId\": ").append(fmt(z.dedupHeapBytesPerId()))
                    .append(", \"dedupIds\": ").append(z.dedupIds()).append("}");
            sep = ",";
        }
        b.append("\n  },\n  \"results\": [");
        sep = "";
        for (BenchFigure f : figures) {
            b.append(sep).append("\n    {\"benchmark\": ").append(str(f.benchmark())).append(", \"scenario\": ")
                    .append(str(f.scenario())).append(", \"threads\": ").append(f.threads())
                    .append(", \"score\": ").append(fmt(f.score())).append(", \"error\": ").append(fmt(f.error()))
                    .append(", \"unit\": ").append(str(f.unit())).append("}");
            sep = ",";
        }
        return b.append("\n  ]\n}\n").toString();
    }

    /** One line per scenario: the single-thread score of {@code benchmark} over that of {@code baseline}. */
    private void ratios(StringBuilder b, String benchmark, String baseline) {
        String sep = "";
        for (Scenario s : Scenario.values()) {
            Optional<Double> ours = score(benchmark, s, 1);
            Optional<Double> theirs = score(baseline, s, 1);
            Optional<Double> ratio = ours.isPresent() && theirs.isPresent()
                    ? Optional.of(ours.get() / theirs.get()) : Optional.empty();
            b.append(sep).append("\n    ").append(str(s.name())).append(": ").append(num(ratio));
            sep = ",";
        }
    }

    private Optional<Double> score(String benchmark, Scenario s, int threads) {
        return figures.stream()
                .filter(f -> f.benchmark().equals(benchmark) && f.scenario().equals(s.name()) && f.threads() == threads)
                .map(BenchFigure::score).findFirst();
    }

    private static String num(Optional<Double> v) {
        return v.map(ResultsJson::fmt).orElse("null");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
