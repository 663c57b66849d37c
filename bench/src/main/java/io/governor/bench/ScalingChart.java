package io.governor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scaling curves as one SVG, drawn from the measured points only (no smoothing, no extrapolation): panels
 * side by side, each with its own axes (log x, and log y where asked), a legend, and the points as dots.
 */
public final class ScalingChart {
    private static final int PANEL_W = 330;
    private static final int PANEL_H = 240;
    private static final int MARGIN_L = 62;
    private static final int MARGIN_B = 42;
    private static final int MARGIN_T = 34;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    /** One curve: its name and its (x, y) points in x order. */
    public record Series(String name, List<double[]> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /** One panel: title, axis labels, whether y is logarithmic (x always is), and its curves. */
    public record Panel(String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
        public Panel {
            series = List.copyOf(series);
        }
    }

    private ScalingChart() {
    }

    public static String render(String caption, List<Panel> panels) {
        int width = panels.size() * (PANEL_W + MARGIN_L + 20) + 10;
        int height = PANEL_H + MARGIN_T + MARGIN_B + 40;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        b.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#555\">%s</text>%n", height - 8,
                escape(caption)));
        for (int i = 0; i < panels.size(); i++) {
            panel(b, panels.get(i), 10 + i * (PANEL_W + MARGIN_L + 20) + MARGIN_L, MARGIN_T);
        }
        return b.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder b, Panel p, int x0, int y0) {
        List<double[]> all = new ArrayList<>();
        p.series().forEach(s -> all.addAll(s.points()));
        double minX = all.stream().mapToDouble(v -> v[0]).min().orElse(1);
        double maxX = all.stream().mapToDouble(v -> v[0]).max().orElse(10);
        double minY = all.stream().mapToDouble(v -> v[1]).min().orElse(0);
        double maxY = all.stream().mapToDouble(v -> v[1]).max().orElse(1);
        Axis x = Axis.of(minX, maxX, true);
        Axis y = p.logY() ? Axis.of(minY, maxY, true) : Axis.of(0, maxY, false);
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
                x0, y0 - 14, escape(p.title())));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", x0, y0, PANEL_W, PANEL_H));
        for (double t : x.ticks()) {
            double px = x0 + x.at(t) * PANEL_W;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, y0, px, y0 + PANEL_H, px,
                    y0 + PANEL_H + 14, label(t)));
        }
        for (double t : y.ticks()) {
            double py = y0 + PANEL_H - y.at(t) * PANEL_H;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", x0, py, x0 + PANEL_W, py, x0 - 4,
                    py + 4, label(t)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                x0 + PANEL_W / 2, y0 + PANEL_H + 30, escape(p.xLabel())));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "%s</text>%n", x0 - 48, y0 + PANEL_H / 2, escape(p.yLabel())));
        for (int i = 0; i < p.series().size(); i++) {
            Series s = p.series().get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            for (double[] v : s.points()) {
                double px = x0 + x.at(v[0]) * PANEL_W;
                double py = y0 + PANEL_H - y.at(v[1]) * PANEL_H;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py,
                        colour));
            }
            b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"1.5\"/>%n", pts.toString().trim(), colour));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", x0 + 6,
                    y0 + 14 + 13 * i, colour, escape(s.name())));
        }
    }

    /** Maps a value to [0, 1] of the panel; log axes span whole decades. */
    private record Axis(double lo, double hi, boolean log) {
        static Axis of(double min, double max, boolean log) {
            if (log) {
                double lo = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-9))));
                double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10))));
                return new Axis(lo, hi <= lo ? lo * 10 : hi, true);
            }
            double hi = max <= 0 ? 1 : niceCeil(max * 1.1);
            return new Axis(0, hi, false);
        }

        double at(double v) {
            return log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                    : (v - lo) / (hi - lo);
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            if (log) {
                for (double d = lo; d <= hi * 1.0001; d *= 10) {
                    t.add(d);
                }
            } else {
                for (int i = 0; i <= 4; i++) {
                    t.add(hi * i / 4);
                }
            }
            return t;
        }

        private static double niceCeil(double v) {
            double p = Math.pow(10, Math.floor(Math.log10(v)));
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (m * p >= v) {
                    return m * p;
                }
            }
            return 10 * p;
        }
    }

    private static String label(double v) {
        if (v >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return trim(v / 1e3) + "K";
        }
        return trim(v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
