package io.inverseface.benchmarks.fidelity;

import io.inverseface.core.io.LandmarkGroup;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import java.util.Locale;

/**
 * Where on the face the fits go wrong, and which way: the signed error of every face-region scan vertex
 * ({@link NowResult#signedMm()}, &gt; 0 where the fit lies in front of the scan) averaged over many fits,
 * summarised per part of the face and drawn as a frontal picture. A bias that survives the average over
 * views is the model's or the fit's, not one render's.
 *
 * <p>Parts: each region vertex belongs to the landmark group of its nearest scan landmark, except that
 * vertices above the brows are the forehead and vertices farther than {@value #CHEEK_MM} mm from every
 * landmark are the cheeks.
 */
public final class SignedErrorMap {
    /** Farther than this from every landmark: cheek. */
    static final double CHEEK_MM = 18.0;
    /** The picture's colour saturates at ± this many mm. */
    static final double COLOUR_RANGE_MM = 3.0;

    /** Parts of the face the summary reports. */
    public enum Part { FOREHEAD, BROWS, EYES, NOSE, CHEEKS, MOUTH, JAW }

    private final NowMetric metric;
    private final Part[] parts;
    private final double[] sum;
    private final double[] sumAbs;
    private int fits;

    public SignedErrorMap(NowMetric metric) {
        this.metric = metric;
        int n = metric.region().size();
        this.parts = new Part[n];
        this.sum = new double[n];
        this.sumAbs = new double[n];
        ScanHead scan = metric.scan();
        double browY = Double.NEGATIVE_INFINITY;
        for (int k = LandmarkGroup.BROWS.first(); k <= LandmarkGroup.BROWS.last(); k++) {
            browY = Math.max(browY, scan.landmark(k)[1]);
        }
        for (int i = 0; i < n; i++) {
            double[] p = metric.point(i);
            int nearest = -1;
            double best = Double.MAX_VALUE;
            for (int k = 0; k < Landmarks.COUNT; k++) {
                double[] l = scan.landmark(k);
                double d = (p[0] - l[0]) * (p[0] - l[0]) + (p[1] - l[1]) * (p[1] - l[1]) + (p[2] - l[2]) * (p[2] - l[2]);
                if (d < best) {
                    best = d;
                    nearest = k;
                }
            }
            parts[i] = p[1] > browY ? Part.FOREHEAD : Math.sqrt(best) > CHEEK_MM ? Part.CHEEKS : partOf(nearest);
        }
    }

    private static Part partOf(int landmark) {
        for (LandmarkGroup g : LandmarkGroup.values()) {
            if (landmark >= g.first() && landmark <= g.last()) {
                return Part.valueOf(g.name());
            }
        }
        throw new IllegalArgumentException("landmark " + landmark);
    }

    /** Adds one fit's signed errors. */
    public void add(NowResult result) {
        double[] s = result.signedMm();
        if (s.length != sum.length) {
            throw new IllegalArgumentException("expected " + sum.length + " region vertices, got " + s.length);
        }
        for (int i = 0; i < s.length; i++) {
            sum[i] += s[i];
            sumAbs[i] += Math.abs(s[i]);
        }
        fits++;
    }

    public int fits() {
        return fits;
    }

    /** The area-weighted mean signed error of one fit per part ({@link Part} order), mm. */
    public double[] partMeans(NowResult result) {
        double[] w = metric.region().weights(), s = result.signedMm();
        double[] num = new double[Part.values().length], den = new double[num.length];
        for (int i = 0; i < parts.length; i++) {
            num[parts[i].ordinal()] += w[i] * s[i];
            den[parts[i].ordinal()] += w[i];
        }
        for (int p = 0; p < num.length; p++) {
            num[p] = den[p] > 0 ? num[p] / den[p] : Double.NaN;
        }
        return num;
    }

    /** One line per part: its area share, the mean signed error (bias) and the mean unsigned error, mm. */
    public String table() {
        double[] w = metric.region().weights();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "| part | area %% | mean signed mm (> 0: fit in front) | mean unsigned mm |%n|---|---:|---:|---:|%n"));
        double total = 0;
        for (double x : w) {
            total += x;
        }
        for (Part part : Part.values()) {
            double a = 0, s = 0, u = 0;
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] == part) {
                    a += w[i];
                    s += w[i] * sum[i];
                    u += w[i] * sumAbs[i];
                }
            }
            if (a > 0) {
                sb.append(String.format(Locale.ROOT, "| %s | %.1f | %+.3f | %.3f |%n", part.name().toLowerCase(Locale.ROOT),
                        100 * a / total, s / (a * fits), u / (a * fits)));
            }
        }
        return sb.toString();
    }

    /**
     * The mean signed error drawn frontally (scan x right, y up): red where the fits lie in front of the
     * scan, blue behind, white on it, saturating at ±{@value #COLOUR_RANGE_MM} mm; the scan's landmarks black.
     */
    public RgbImage picture(int size) {
        int n = parts.length;
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double[] p = metric.point(i);
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double scale = 0.9 * size / Math.max(maxX - minX, maxY - minY);
        double cx = 0.5 * (minX + maxX), cy = 0.5 * (minY + maxY);
        float[] r = new float[size * size], g = new float[size * size], b = new float[size * size];
        java.util.Arrays.fill(r, 0.5f);
        java.util.Arrays.fill(g, 0.5f);
        java.util.Arrays.fill(b, 0.5f);
        float[] depth = new float[size * size];
        java.util.Arrays.fill(depth, Float.NEGATIVE_INFINITY);
        int radius = Math.max(1, size / 120);
        for (int i = 0; i < n; i++) {
            double[] p = metric.point(i);
            double v = Math.max(-1, Math.min(1, sum[i] / (fits * COLOUR_RANGE_MM)));
            float red = (float) (v >= 0 ? 1 : 1 + v), blue = (float) (v <= 0 ? 1 : 1 - v), green = (float) (1 - Math.abs(v));
            int px = (int) Math.round(size / 2.0 + (p[0] - cx) * scale), py = (int) Math.round(size / 2.0 - (p[1] - cy) * scale);
            for (int dy = -radius; dy <= radius; dy++) {
                for (int dx = -radius; dx <= radius; dx++) {
                    int x = px + dx, y = py + dy;
                    if (x < 0 || y < 0 || x >= size || y >= size || p[2] < depth[y * size + x]) {
                        continue;
                    }
                    depth[y * size + x] = (float) p[2];
                    r[y * size + x] = red;
                    g[y * size + x] = green;
                    b[y * size + x] = blue;
                }
            }
        }
        RgbImage image = new RgbImage(size, size, r, g, b);
        for (int k = 0; k < Landmarks.COUNT; k++) {
            double[] l = metric.scan().landmark(k);
            io.inverseface.render.ImageDrawing.drawPoint(image, size / 2.0 + (l[0] - cx) * scale,
                    size / 2.0 - (l[1] - cy) * scale, 2.0, 0f, 0f, 0f);
        }
        return image;
    }
}
