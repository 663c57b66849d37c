package io.governor.simulator.report;

import io.governor.schemas.event.Priority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The report as one self-contained HTML page (no script, no font, no request: it opens offline): a header with
 * the scenario, seed and mode, five charts — calls per second against each limit, each truth window's use, queue
 * depth, wait percentiles by priority, 429s so far — Governor beside the baseline where it ran, then the summary
 * table of the console. The layout is fixed (header and chart heights) so a screenshot can be checked by region.
 * Same run, same bytes, except the wall seconds.
 */
public final class HtmlReport {
    /** Height of the header band above the first chart, in CSS pixels. */
    public static final int HEADER_PX = 90;
    /** The charts, top to bottom, each {@link SvgChart#HEIGHT} high and {@link SvgChart#WIDTH} wide. */
    public static final List<String> CHARTS = List.of("calls", "windows", "queue", "waits", "rateLimited");
    /** Series colours: Governor, the baseline, limits; then windows and priorities in order. */
    public static final String GOVERNOR = "#1f6fd1";
    public static final String BASELINE = "#e8541e";
    public static final String LIMIT = "#8a8a8a";
    public static final List<String> PALETTE = List.of("#2ca02c", "#9467bd", "#d62790", "#17becf", "#bcbd22",
            "#8c564b");
    private static final int MAX_POINTS = 2000;

    private HtmlReport() {
    }

    /** Writes the page for {@code report}; {@code baseline} is null when the baseline did not run. */
    public static void write(Report report, Timeline governor, Timeline baseline, Path out) {
        try {
            Files.writeString(out, render(report, governor, baseline), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report to " + out, e);
        }
    }

    public static String render(Report report, Timeline governor, Timeline baseline) {
        long end = Math.max(governor.endMs(), baseline == null ? governor.endMs() : baseline.endMs());
        Timeline.Series g = governor.series(end, MAX_POINTS);
        Timeline.Series b = baseline == null ? null : baseline.series(end, MAX_POINTS);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(report.scenario())).append(" — Governor simulation</title>\n<style>\n")
                .append("body{margin:0;font-family:sans-serif;background:#fff;color:#222}\n")
                .append("header{height:").append(HEADER_PX).append("px;overflow:hidden;padding:0 16px;")
                .append("box-sizing:border-box}\n")
                .append("h1{font-size:22px;margin:12px 0 6px}\n.meta{font-size:13px;color:#555}\n")
                .append(".chart{height:").append(SvgChart.HEIGHT).append("px;width:").append(SvgChart.WIDTH)
                .append("px;margin:0;padding:0}\n.chart svg{display:block}\n")
                .append("table{border-collapse:collapse;margin:16px;font-size:13px}\n")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}\n")
                .append("th:first-child,td:first-child{text-align:left}\nth.naive,td.naive{color:#a0461f}\n")
                .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(escape(report.scenario()))
                .append("</h1>\n<div class=\"meta\">seed ").append(report.seed()).append(" · mode ")
                .append(escape(report.mode())).append(" · ").append(seconds(report.virtualSeconds()))
                .append(" virtual · ").append(seconds(report.wallSeconds())).append(" wall · bucket ")
                .append(seconds(g.bucketMs() / 1000.0)).append(baseline == null ? "" : " · baseline: naive workers")
                .append("</div>\n</header>\n");
        for (String chart : CHARTS) {
            html.append("<div class=\"chart\" id=\"").append(chart).append("\">\n")
                    .append(chart(chart, g, b).render()).append("</div>\n");
        }
        html.append(table(report));
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static SvgChart chart(String name, Timeline.Series g, Timeline.Series b) {
        return switch (name) {
            case "calls" -> {
                SvgChart c = new SvgChart("Calls started per second (Governor's are its permits), limit lines dashed",
                        "calls/s");
                Set<String> accounts = new TreeSet<>(g.callsPerSecond().keySet());
                if (b != null) {
                    accounts.addAll(b.callsPerSecond().keySet());
                }
                boolean single = accounts.size() <= 1;
                int i = 0;
                for (String account : accounts) {
                    // One account: Governor and baseline colours; several: a colour per account, baseline dashed.
                    String colour = single ? GOVERNOR : PALETTE.get(i++ % PALETTE.size());
                    double[] zero = new double[g.timeSeconds().length];
                    c.line(single ? "Governor" : account, colour, g.timeSeconds(),
                            g.callsPerSecond().getOrDefault(account, zero), false);
                    if (b != null) {
                        c.line(single ? "baseline" : account + " (baseline)", single ? BASELINE : colour,
                                b.timeSeconds(), b.callsPerSecond().getOrDefault(account, zero), !single);
                    }
                    g.rateLines().getOrDefault(account, Map.of()).forEach((limit, perSecond) ->
                            c.reference(limit, single ? LIMIT : colour, perSecond));
                }
                yield c;
            }
            case "windows" -> {
                SvgChart c = new SvgChart("Truth windows: % of max used on the busiest key (baseline dashed)",
                        "% of max");
                int i = 0;
                for (var e : g.windows().entrySet()) {
                    String colour = PALETTE.get(i++ % PALETTE.size());
                    c.line(e.getKey(), colour, g.timeSeconds(), percent(e.getValue()), false);
                    Timeline.WindowUse naive = b == null ? null : b.windows().get(e.getKey());
                    if (naive != null) {
                        c.line(e.getKey() + " (baseline)", colour, b.timeSeconds(), percent(naive), true);
                    }
                }
                c.reference("limit", LIMIT, 100);
                yield c;
            }
            case "queue" -> {
                SvgChart c = new SvgChart("Intents waiting (offered, not yet permitted or rejected)", "intents");
                c.line("Governor", GOVERNOR, g.timeSeconds(), g.queueDepth(), false);
                if (b != null) {
                    c.line("baseline", BASELINE, b.timeSeconds(), b.queueDepth(), false);
                }
                yield c;
            }
            case "waits" -> {
                SvgChart c = new SvgChart("Governor: wait from arrival to permit by priority (p50 solid, p99 dashed)",
                        "seconds");
                int i = 0;
                for (Map.Entry<Priority, double[][]> e : g.waitSeconds().entrySet()) {
                    String colour = PALETTE.get(i++ % PALETTE.size());
                    c.line(e.getKey() + " p50", colour, g.timeSeconds(), e.getValue()[0], false);
                    c.line(e.getKey() + " p99", colour, g.timeSeconds(), e.getValue()[1], true);
                }
                yield c;
            }
            case "rateLimited" -> {
                SvgChart c = new SvgChart("429 answers so far", "429s");
                c.line("Governor", GOVERNOR, g.timeSeconds(), g.rateLimited(), false);
                if (b != null) {
                    c.line("baseline", BASELINE, b.timeSeconds(), b.rateLimited(), false);
                }
                yield c;
            }
            default -> throw new IllegalArgumentException("no chart " + name);
        };
    }

    private static double[] percent(Timeline.WindowUse use) {
        double[] out = use.used().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = 100.0 * out[i] / use.max();
        }
        return out;
    }

    private static String table(Report report) {
        Map<String, Figures> columns = new LinkedHashMap<>(report.accounts());
        columns.put("TOTAL", report.totals());
        boolean baseline = report.totals().baseline() != null;
        StringBuilder t = new StringBuilder("<table>\n<tr><th>figure</th>");
        List<String> header = new ArrayList<>();
        columns.keySet().forEach(name -> {
            header.add("<th>" + escape(name) + "</th>");
            if (baseline) {
                header.add("<th class=\"naive\">" + escape(name) + " naive</th>");
            }
        });
        t.append(String.join("", header)).append("</tr>\n");
        for (Map.Entry<String, Function<Figures, String>> row : ConsoleTable.rows().entrySet()) {
            t.append("<tr><td>").append(escape(row.getKey())).append("</td>");
            for (Figures f : columns.values()) {
                t.append("<td>").append(escape(row.getValue().apply(f))).append("</td>");
                if (baseline) {
                    t.append("<td class=\"naive\">")
                            .append(f.baseline() == null ? "-" : escape(row.getValue().apply(f.baseline())))
                            .append("</td>");
                }
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /** Text safe inside HTML or SVG elements and attribute values. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
