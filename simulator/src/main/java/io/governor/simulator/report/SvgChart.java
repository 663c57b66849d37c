package io.governor.simulator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG, drawn here so the report needs no script library and no network: lines over a
 * shared time axis (seconds after the start), horizontal reference lines (limits), a legend above the plot and a
 * native tooltip ({@code <title>}) on every line. NaN values (no sample in a bucket) are bridged by the line. Output depends only on the data, so the
 * same run gives the same bytes.
 */
final class SvgChart {
    static final int WIDTH = 1200;
    static final int HEIGHT = 300;
    /** The plot area's insets: the legend lives above it, the axes' labels left of and below it. */
    static final int LEFT = 70;
    static final int RIGHT = 20;
    static final int TOP = 58;
    static final int BOTTOM = 32;

    private final String title;
    private final String unit;
    private final List<Line> lines = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();

    SvgChart(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    SvgChart line(String name, String colour, double[] x, double[] y, boolean dashed) {
        lines.add(new Line(name, colour, x, y, dashed));
        return this;
    }

    SvgChart reference(String name, String colour, double y) {
        references.add(new Reference(name, colour, y));
        return this;
    }

    String render() {
        double xMax = 1;
        double yMax = 0;
        for (Line l : lines) {
            for (int i = 0; i < l.x().length; i++) {
                xMax = Math.max(xMax, l.x()[i]);
                if (!Double.isNaN(l.y()[i])) {
                    yMax = Math.max(yMax, l.y()[i]);
                }
            }
        }
        for (Reference r : references) {
            yMax = Math.max(yMax, r.y());
        }
        yMax = niceCeiling(yMax <= 0 ? 1 : yMax * 1.05);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"16\" font-size=\"15\" font-weight=\"bold\">")
                .append(HtmlReport.escape(title)).append("</text>\n");
        legend(svg);
        // Grid and axes.
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double py = TOP + plotH - plotH * i / 4.0;
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(num(py)).append("\" x2=\"")
                    .append(LEFT + plotW).append("\" y2=\"").append(num(py))
                    .append("\" stroke=\"#e6e6e6\" stroke-width=\"1\"/>\n");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(py + 4))
                    .append("\" text-anchor=\"end\">").append(label(v)).append("</text>\n");
        }
        svg.append("<text x=\"12\" y=\"").append(TOP + plotH / 2).append("\" transform=\"rotate(-90 12 ")
                .append(TOP + plotH / 2).append(")\" text-anchor=\"middle\">").append(HtmlReport.escape(unit))
                .append("</text>\n");
        double step = timeStep(xMax);
        for (double t = 0; t <= xMax + 1e-9; t += step) {
            double px = LEFT + plotW * t / xMax;
            svg.append("<text x=\"").append(num(px)).append("\" y=\"").append(HEIGHT - 10)
                    .append("\" text-anchor=\"middle\">").append(time(t, xMax)).append("</text>\n");
        }
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + plotH).append("\" x2=\"")
                .append(LEFT + plotW).append("\" y2=\"").append(TOP + plotH).append("\" stroke=\"#555555\"/>\n");
        for (Reference r : references) {
            double py = TOP + plotH - plotH * r.y() / yMax;
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(num(py)).append("\" x2=\"")
                    .append(LEFT + plotW).append("\" y2=\"").append(num(py)).append("\" stroke=\"").append(r.colour())
                    .append("\" stroke-width=\"1.5\" stroke-dasharray=\"8 5\"><title>")
                    .append(HtmlReport.escape(r.name())).append(": ").append(label(r.y())).append("</title></line>\n");
        }
        for (Line l : lines) {
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < l.x().length; i++) {
                double y = l.y()[i];
                if (Double.isNaN(y)) {
                    continue;
                }
                double px = LEFT + plotW * l.x()[i] / xMax;
                double py = TOP + plotH - plotH * Math.min(y, yMax) / yMax;
                d.append(d.length() == 0 ? "M" : " L").append(num(px)).append(' ').append(num(py));
            }
            if (d.length() == 0) {
                continue;
            }
            svg.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(l.colour())
                    .append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\"")
                    .append(l.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("><title>")
                    .append(HtmlReport.escape(l.name())).append("</title></path>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Up to two rows above the plot; entries that do not fit are left to the lines' tooltips. */
    private void legend(StringBuilder svg) {
        int[] at = {LEFT, 32};
        for (Line l : lines) {
            legendEntry(svg, at, l.name(), l.colour(), l.dashed());
        }
        for (Reference r : references) {
            legendEntry(svg, at, r.name(), r.colour(), true);
        }
    }

    private static void legendEntry(StringBuilder svg, int[] at, String name, String colour, boolean dashed) {
        int width = 34 + (int) (name.length() * 6.6);
        if (at[0] + width > WIDTH - RIGHT && at[0] > LEFT) {
            at[0] = LEFT;
            at[1] += 16;
        }
        if (at[1] > TOP - 8) {
            return;
        }
        int x = at[0];
        int y = at[1];
        svg.append("<line x1=\"").append(x).append("\" y1=\"").append(y - 4).append("\" x2=\"").append(x + 18)
                .append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(colour).append("\" stroke-width=\"2\"")
                .append(dashed ? " stroke-dasharray=\"4 3\"" : "").append("/>\n");
        svg.append("<text x=\"").append(x + 22).append("\" y=\"").append(y).append("\">").append(HtmlReport.escape(name))
                .append("</text>\n");
        at[0] += width;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: round axis labels. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
    }

    /** A round time step in seconds that puts at most about 10 ticks on the axis. */
    static double timeStep(double span) {
        for (double step : new double[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
            21600, 43200, 86400}) {
            if (span / step <= 10) {
                return step;
            }
        }
        return Math.ceil(span / 10 / 86400) * 86400;
    }

    /** Seconds after the start as h:mm on runs of an hour or more, else m:ss. */
    static String time(double seconds, double span) {
        long s = Math.round(seconds);
        if (span >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private record Line(String name, String colour, double[] x, double[] y, boolean dashed) {
    }

    private record Reference(String name, String colour, double y) {
    }
}
