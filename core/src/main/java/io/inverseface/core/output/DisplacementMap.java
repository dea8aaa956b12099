package io.inverseface.core.output;

/**
 * The displacement drawn in UV space with a diverging colour map (blue inwards, white zero, red outwards)
 * over a symmetric range, and a legend strip below: the colour bar, a tick every "nice" step in millimetres
 * (longer at zero), and the range written in a tiny pixel font ({@code -R}, {@code 0}, {@code +R mm}).
 */
final class DisplacementMap {

    /** Height of the legend strip below the map, pixels. */
    static final int LEGEND_HEIGHT = 72;
    /** Texels no triangle covers. */
    static final float[] BACKGROUND = {0.12f, 0.12f, 0.14f};

    /** RdBu-like stops at −1, −0.5, 0, 0.5, 1: perceptually ordered, white in the middle. */
    private static final float[][] STOPS = {
            {0.13f, 0.40f, 0.67f}, {0.57f, 0.77f, 0.87f}, {0.97f, 0.97f, 0.97f}, {0.96f, 0.65f, 0.51f},
            {0.70f, 0.09f, 0.17f}};

    private DisplacementMap() {
    }

    /**
     * The symmetric range: the 99th percentile of |d| (a few outliers at the clamp must not wash out the
     * rest), at least 0.05 mm so that a flat result does not divide by zero.
     */
    static double range(float[] displacement) {
        if (displacement.length == 0) {
            return 0.05;
        }
        float[] abs = new float[displacement.length];
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Math.abs(displacement[i]);
        }
        java.util.Arrays.sort(abs);
        double p99 = abs[Math.min(abs.length - 1, (int) Math.floor(0.99 * (abs.length - 1)))];
        return Math.max(0.05, p99);
    }

    /** Colour of {@code t} in [−1, 1] (clamped) into {@code out[0..2]}. */
    static void colour(double t, float[] out) {
        double x = (Math.max(-1, Math.min(1, t)) + 1) * 2; // [0, 4] over the four segments
        int i = Math.min(3, (int) x);
        double f = x - i;
        for (int c = 0; c < 3; c++) {
            out[c] = (float) ((1 - f) * STOPS[i][c] + f * STOPS[i + 1][c]);
        }
    }

    /**
     * @param map     displacement per texel (mm), {@code size²}
     * @param covered texels that carry a value
     * @param range   symmetric range R (mm): ±R map to the ends of the colour map
     * @return the picture, {@code size} wide and {@code size + LEGEND_HEIGHT} tall
     */
    static io.inverseface.render.RgbImage picture(float[] map, boolean[] covered, int size, double range) {
        io.inverseface.render.RgbImage img = new io.inverseface.render.RgbImage(size, size + LEGEND_HEIGHT);
        img.fill(BACKGROUND[0], BACKGROUND[1], BACKGROUND[2]);
        float[] r = img.r(), g = img.g(), b = img.b();
        float[] rgb = new float[3];
        for (int t = 0; t < size * size; t++) {
            if (covered[t]) {
                colour(map[t] / range, rgb);
                r[t] = rgb[0];
                g[t] = rgb[1];
                b[t] = rgb[2];
            }
        }
        legend(img, size, range);
        return img;
    }

    private static void legend(io.inverseface.render.RgbImage img, int top, double range) {
        int w = img.width();
        int margin = Math.max(8, w / 16);
        int x0 = margin, x1 = w - margin - 1;
        int barTop = top + 10, barBottom = barTop + 18;
        float[] rgb = new float[3];
        for (int x = x0; x <= x1; x++) {
            colour(-1 + 2.0 * (x - x0) / (x1 - x0), rgb);
            for (int y = barTop; y < barBottom; y++) {
                img.set(x, y, rgb[0], rgb[1], rgb[2]);
            }
        }
        // Ticks: every "nice" step from −R to R, so the bar is a ruler in millimetres.
        double step = niceStep(range);
        for (int k = (int) Math.ceil(-range / step - 1e-9); k * step <= range + 1e-9; k++) {
            int x = (int) Math.round(x0 + (k * step + range) / (2 * range) * (x1 - x0));
            int len = k == 0 ? 10 : 5;
            for (int y = barBottom; y < barBottom + len; y++) {
                img.set(Math.max(0, Math.min(w - 1, x)), y, 0.9f, 0.9f, 0.9f);
            }
        }
        int scale = 3, textTop = barBottom + 14;
        String r = format(range);
        PixelFont.draw(img, "-" + r, x0, textTop, scale);
        PixelFont.draw(img, "0", (x0 + x1) / 2 - PixelFont.width("0", scale) / 2, textTop, scale);
        String right = "+" + r + " mm";
        PixelFont.draw(img, right, x1 - PixelFont.width(right, scale) + 1, textTop, scale);
    }

    /** 1, 2 or 5 × 10^k, giving 4–10 ticks per half of the bar. */
    static double niceStep(double range) {
        double raw = range / 4;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /** Two significant decimals are enough for a legend: 0.83, 1.2, 0.05. */
    static String format(double v) {
        return String.format(java.util.Locale.ROOT, v >= 1 ? "%.1f" : "%.2f", v);
    }
}
