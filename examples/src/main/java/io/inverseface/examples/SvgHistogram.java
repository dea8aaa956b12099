package io.inverseface.examples;

import java.util.Arrays;
import java.util.Locale;

/** A histogram as inline SVG: equal-width bins, counts as bars, min / max under the axis. */
final class SvgHistogram {

    static final int WIDTH = 360, HEIGHT = 160;
    private static final int MARGIN = 24;

    private SvgHistogram() {
    }

    /**
     * @param title  caption, e.g. "time per image (s)"
     * @param values the sample (non-finite values ignored)
     * @param bins   number of bars
     */
    static String render(String title, double[] values, int bins) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg class=\"histogram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, HtmlReport.escape(title)));
        svg.append("<title>").append(HtmlReport.escape(title)).append("</title>");
        svg.append(text(WIDTH / 2.0, 14, "middle", title, "caption"));
        if (v.length == 0) {
            svg.append(text(WIDTH / 2.0, HEIGHT / 2.0, "middle", "no data", "axis"));
            return svg.append("</svg>").toString();
        }
        double min = Arrays.stream(v).min().orElseThrow(), max = Arrays.stream(v).max().orElseThrow();
        double width = max > min ? (max - min) / bins : 1;
        int[] counts = new int[bins];
        for (double x : v) {
            counts[Math.min(bins - 1, (int) ((x - min) / width))]++;
        }
        int top = Arrays.stream(counts).max().orElse(1);
        double plotW = WIDTH - 2.0 * MARGIN, plotH = HEIGHT - 2.0 * MARGIN - 6, barW = plotW / bins;
        double baseY = HEIGHT - MARGIN;
        for (int b = 0; b < bins; b++) {
            double h = plotH * counts[b] / top;
            double x = MARGIN + b * barW;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s–%s: %d</title></rect>",
                    x + 1, baseY - h, Math.max(1, barW - 2), h, number(min + b * width), number(min + (b + 1) * width),
                    counts[b]));
            if (counts[b] > 0) {
                svg.append(text(x + barW / 2, baseY - h - 3, "middle", Integer.toString(counts[b]), "count"));
            }
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"axis-line\"/>",
                MARGIN, baseY, WIDTH - MARGIN, baseY));
        svg.append(text(MARGIN, HEIGHT - 8, "start", number(min), "axis"));
        svg.append(text(WIDTH - MARGIN, HEIGHT - 8, "end", number(max), "axis"));
        return svg.append("</svg>").toString();
    }

    private static String text(double x, double y, String anchor, String s, String cls) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>", x, y,
                anchor, cls, HtmlReport.escape(s));
    }

    static String number(double x) {
        double a = Math.abs(x);
        return a != 0 && (a >= 1e5 || a < 1e-2) ? String.format(Locale.ROOT, "%.2e", x) : String.format(Locale.ROOT, "%.3g", x);
    }
}
