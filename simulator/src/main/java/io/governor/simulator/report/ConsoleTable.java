package io.governor.simulator.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The report as a console table: one row per figure, one column per account and the totals, baseline beside. */
public final class ConsoleTable {
    private ConsoleTable() {
    }

    /** The table's rows: label → the cell of one figures column (the HTML report's summary uses the same). */
    static Map<String, Function<Figures, String>> rows() {
        Map<String, Function<Figures, String>> rows = new LinkedHashMap<>();
        rows.put("offered", f -> Long.toString(f.offered()));
        rows.put("permitted", f -> Long.toString(f.permitted()));
        rows.put("executed", f -> Long.toString(f.executed()));
        rows.put("retries", f -> Long.toString(f.retries()));
        rows.put("rejected", f -> Long.toString(f.rejectedTotal()));
        rows.put("ok", f -> Long.toString(f.upstream().ok()));
        rows.put("429", f -> Long.toString(f.upstream().rateLimited()));
        rows.put("403", f -> Long.toString(f.upstream().forbidden()));
        rows.put("5xx", f -> Long.toString(f.upstream().serverErrors()));
        rows.put("timeouts", f -> Long.toString(f.upstream().timeouts()));
        rows.put("violations", f -> Long.toString(f.violations()));
        rows.put("wait p50 ms", f -> Long.toString(f.waitMs().p50()));
        rows.put("wait p99 ms", f -> Long.toString(f.waitMs().p99()));
        rows.put("drain s", f -> String.format(Locale.ROOT, "%.1f", f.drainSeconds()));
        rows.put("best drain s", f -> String.format(Locale.ROOT, "%.1f", f.bestDrainSeconds()));
        rows.put("efficiency", f -> String.format(Locale.ROOT, "%.3f", f.efficiency()));
        return rows;
    }

    public static String render(Report report) {
        Map<String, Figures> columns = new LinkedHashMap<>(report.accounts());
        columns.put("TOTAL", report.totals());
        Map<String, Function<Figures, String>> rows = rows();
        boolean baseline = report.totals().baseline() != null;

        List<String> header = new ArrayList<>();
        header.add(report.scenario() + " (" + report.mode() + ")");
        columns.forEach((name, f) -> {
            header.add(name);
            if (baseline) {
                header.add(name + " naive");
            }
        });
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        rows.forEach((label, cell) -> {
            List<String> line = new ArrayList<>();
            line.add(label);
            columns.values().forEach(f -> {
                line.add(cell.apply(f));
                if (baseline) {
                    line.add(f.baseline() == null ? "-" : cell.apply(f.baseline()));
                }
            });
            lines.add(line);
        });
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                String c = line.get(i);
                out.append(i == 0 ? c + " ".repeat(widths[i] - c.length()) : " ".repeat(widths[i] - c.length() + 2) + c);
            }
            out.append('\n');
        }
        out.append(String.format("virtual %.1f s in %.2f s wall%s%n", report.virtualSeconds(), report.wallSeconds(),
                report.engine() == null ? "" : " (" + report.engine() + " engine)"));
        return out.toString();
    }
}
