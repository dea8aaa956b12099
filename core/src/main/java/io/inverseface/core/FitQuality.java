package io.inverseface.core;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.render.VisibilityBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the fit found a face where the landmarks said: figures of the finished coarse fit, and a flag
 * when they say the landmarks do not belong to the face in this photo (another photo's landmark file, a
 * detection on something that is not a face). A fit is still returned; the flag is for the caller, the
 * command line warns, and {@code parameters.json} records it.
 *
 * <p>The measures, over the pixels the fitted face covers:
 * <ul>
 *   <li>{@code explained}: the share of the photo's colour variation there that the fit explains,
 *       {@code R² = 1 − Σ‖I − C‖² / Σ‖I − Ī‖²} (I the photo, C the fit, Ī the photo's mean there). A face
 *       under the fit is mostly explained by shading and albedo; hair, background or another part of the
 *       picture is not;</li>
 *   <li>{@code structure}: the correlation between the photo's and the fit's luminance detail (each minus
 *       its own box mean, the box 0.16 eye distances wide): eyes, brows, nostrils and lips in the right places;</li>
 *   <li>{@code skin}: the mean skin probability ({@link io.inverseface.core.coarse.SkinMask});</li>
 *   <li>{@code landmarkError}: fitted against given landmarks, RMS over the eye distance.</li>
 * </ul>
 * The thresholds were chosen on real photos with their own and with other photos' landmarks
 * ({@code FitQualityBenchmark}, BENCHMARKS.md).
 *
 * @param explained     R² of the fit over the covered pixels (≤ 1; NaN when nothing is covered)
 * @param structure     correlation of luminance detail, in [−1, 1] (NaN when nothing is covered)
 * @param skin          mean skin probability over the covered pixels, in [0, 1]
 * @param landmarkError RMS landmark distance over the eye distance
 * @param coveredPixels how many pixels the fitted face covers
 * @param suspect       true when the figures say the landmarks do not match the face in the photo
 * @param reasons       why, one short phrase each (empty when not suspect)
 */
public record FitQuality(double explained, double structure, double skin, double landmarkError, int coveredPixels,
                         boolean suspect, List<String> reasons) {

    /**
     * Below this correlation of luminance detail the fit is not on a face: on 100 real photos 1 fit on its
     * own annotated landmarks falls below it, and 95 of 100 fits on another photo's landmarks do.
     */
    public static final double MIN_STRUCTURE = 0.08;
    /** Fitted landmarks further than this (RMS, eye distances) from the given ones: not a face shape. */
    public static final double MAX_LANDMARK_ERROR = 0.15;
    /** Fewer covered pixels than this say nothing either way. */
    static final int MIN_COVERED = 200;
    /** Half-side of the detail box, in eye distances. */
    private static final double DETAIL_RADIUS = 0.08;

    public FitQuality {
        reasons = List.copyOf(reasons);
    }

    /**
     * @param photo     the photo
     * @param fit       the fitted face rendered at the photo's size
     * @param triangles the rendering's triangle id per pixel ({@link VisibilityBuffer#EMPTY} where uncovered)
     * @param skinMask  the skin probability per pixel (channel 0)
     * @param given     the landmarks the fit was given
     * @param fitted    the fitted landmarks, interleaved x, y
     */
    public static FitQuality measure(RgbImage photo, RgbImage fit, int[] triangles, RgbImage skinMask, Landmarks given,
                                     double[] fitted) {
        int w = photo.width(), h = photo.height();
        int covered = 0;
        double[] mean = new double[3];
        for (int i = 0; i < triangles.length; i++) {
            if (triangles[i] != VisibilityBuffer.EMPTY) {
                covered++;
                for (int c = 0; c < 3; c++) {
                    mean[c] += photo.channel(c)[i];
                }
            }
        }
        double landmarkError = landmarkError(given, fitted);
        if (covered < MIN_COVERED) {
            List<String> why = new ArrayList<>(List.of("the fitted face covers " + covered + " pixels"));
            return new FitQuality(Double.NaN, Double.NaN, 0, landmarkError, covered, true, why);
        }
        double residual = 0, total = 0, skin = 0;
        for (int c = 0; c < 3; c++) {
            mean[c] /= covered;
        }
        float[] mask = skinMask.channel(0);
        for (int i = 0; i < triangles.length; i++) {
            if (triangles[i] == VisibilityBuffer.EMPTY) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                double observed = photo.channel(c)[i];
                double r = observed - Math.min(1, Math.max(0, fit.channel(c)[i]));
                double d = observed - mean[c];
                residual += r * r;
                total += d * d;
            }
            skin += mask[i];
        }
        double explained = total > 0 ? 1 - residual / total : Double.NaN;
        // The box scales with the face: about a twelfth of the eye distance, the size of a nostril or an eyelid.
        int radius = (int) Math.max(2, Math.round(DETAIL_RADIUS * given.interOcularDistance()));
        double structure = detailCorrelation(luminance(photo), luminance(fit), triangles, w, h, radius);
        skin /= covered;

        List<String> reasons = new ArrayList<>();
        if (!(structure >= MIN_STRUCTURE)) {
            reasons.add(String.format(Locale.ROOT, "the photo shows no face detail where the fit has it (correlation %.2f < %.2f)",
                    structure, MIN_STRUCTURE));
        }
        if (landmarkError > MAX_LANDMARK_ERROR) {
            reasons.add(String.format(Locale.ROOT, "the face model cannot reach the landmarks (%.0f %% of the eye distance)",
                    100 * landmarkError));
        }
        return new FitQuality(explained, structure, skin, landmarkError, covered, !reasons.isEmpty(), reasons);
    }

    /** One line for a log or a report. */
    public String brief() {
        return String.format(Locale.ROOT, "fit quality %s: explained %.2f, detail correlation %.2f, skin %.2f, "
                        + "landmarks %.1f %% of the eye distance%s", suspect ? "SUSPECT" : "ok", explained, structure, skin,
                100 * landmarkError, reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")");
    }

    private static double landmarkError(Landmarks given, double[] fitted) {
        double[] in = given.coordinates();
        double sum = 0;
        for (int i = 0; i < in.length; i++) {
            double d = in[i] - fitted[i];
            sum += d * d;
        }
        return Math.sqrt(sum / (in.length / 2)) / Math.max(1e-9, given.interOcularDistance());
    }

    private static float[] luminance(RgbImage img) {
        float[] r = img.channel(0), g = img.channel(1), b = img.channel(2);
        float[] y = new float[r.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.299f * Math.min(1, Math.max(0, r[i])) + 0.587f * Math.min(1, Math.max(0, g[i]))
                    + 0.114f * Math.min(1, Math.max(0, b[i]));
        }
        return y;
    }

    /**
     * Pearson correlation, over covered pixels, of {@code a − box(a)} and {@code b − box(b)}, where the box
     * means (side {@code 2r+1}) are taken over covered pixels only, so the outline of the face is not an
     * edge of the fit. Works inside the covered pixels' bounding box.
     */
    private static double detailCorrelation(float[] a, float[] b, int[] triangles, int w, int h, int r) {
        int minX = w, minY = h, maxX = -1, maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (triangles[y * w + x] != VisibilityBuffer.EMPTY) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        int bw = maxX - minX + 1, bh = maxY - minY + 1;
        // Summed-area tables over the box: Σa, Σb and the count of covered pixels.
        double[] sumA = new double[(bw + 1) * (bh + 1)], sumB = new double[sumA.length], count = new double[sumA.length];
        for (int y = 0; y < bh; y++) {
            double ra = 0, rb = 0, rc = 0;
            for (int x = 0; x < bw; x++) {
                int i = (y + minY) * w + x + minX;
                if (triangles[i] != VisibilityBuffer.EMPTY) {
                    ra += a[i];
                    rb += b[i];
                    rc++;
                }
                int s = (y + 1) * (bw + 1) + x + 1;
                sumA[s] = sumA[s - (bw + 1)] + ra;
                sumB[s] = sumB[s - (bw + 1)] + rb;
                count[s] = count[s - (bw + 1)] + rc;
            }
        }
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0;
        for (int y = 0; y < bh; y++) {
            int y0 = Math.max(0, y - r), y1 = Math.min(bh, y + r + 1);
            for (int x = 0; x < bw; x++) {
                int i = (y + minY) * w + x + minX;
                if (triangles[i] == VisibilityBuffer.EMPTY) {
                    continue;
                }
                int x0 = Math.max(0, x - r), x1 = Math.min(bw, x + r + 1);
                int p11 = y1 * (bw + 1) + x1, p01 = y0 * (bw + 1) + x1, p10 = y1 * (bw + 1) + x0, p00 = y0 * (bw + 1) + x0;
                double c = count[p11] - count[p01] - count[p10] + count[p00];
                double u = a[i] - (sumA[p11] - sumA[p01] - sumA[p10] + sumA[p00]) / c;
                double v = b[i] - (sumB[p11] - sumB[p01] - sumB[p10] + sumB[p00]) / c;
                sa += u;
                sb += v;
                saa += u * u;
                sbb += v * v;
                sab += u * v;
                n++;
            }
        }
        double va = saa - sa * sa / n, vb = sbb - sb * sb / n;
        return va > 0 && vb > 0 ? (sab - sa * sb / n) / Math.sqrt(va * vb) : 0;
    }
}
