package io.inverseface.core.landmarks;

import io.inverseface.render.RgbImage;

/**
 * Resamples an axis-aligned square of the image into a network's {@code n×n×3} NHWC input, already
 * normalised the face-api way: {@code (255 * value - mean) / 255}.
 *
 * <p>The filter is a separable triangle (bilinear) whose support widens with the reduction factor,
 * so large photos are area-averaged instead of aliased. Whatever lies outside the image is black
 * (value 0), as face-api pads to a square with zeros. Output pixel {@code i} samples the source at
 * {@code x0 + (i + 0.5) * side / n} in the library's pixel-corner convention.
 */
final class ImageSampler {

    private ImageSampler() {
    }

    /**
     * @param image   the photo
     * @param x0      left edge of the square, pixels (may be outside the image)
     * @param y0      top edge of the square, pixels (may be outside the image)
     * @param side    side of the square, pixels, &gt; 0
     * @param n       output size
     * @param meanRgb per-channel mean to subtract, on the 0–255 scale
     * @param out     an {@code n×n×3} map to fill
     */
    static void sampleSquare(RgbImage image, double x0, double y0, double side, int n, float[] meanRgb,
                             FeatureMap out) {
        if (out.height() != n || out.width() != n || out.channels() != 3) {
            throw new IllegalArgumentException("sampler output must be " + n + "x" + n + "x3, got " + out.shape());
        }
        float[][] planes = new float[3][n * n];
        sampleSquare(image, x0, y0, side, n, meanRgb, planes);
        float[][] dst = out.pixels();
        for (int i = 0; i < dst.length; i++) {
            dst[i][0] = planes[0][i];
            dst[i][1] = planes[1][i];
            dst[i][2] = planes[2][i];
        }
    }

    /**
     * Same as {@link #sampleSquare(RgbImage, double, double, double, int, float[], FeatureMap)} into
     * three planes of {@code n * n} values (row-major).
     */
    static void sampleSquare(RgbImage image, double x0, double y0, double side, int n, float[] meanRgb,
                             float[][] planesOut) {
        if (planesOut.length != 3 || planesOut[0].length != n * n) {
            throw new IllegalArgumentException("sampler output must be 3 planes of " + n + "x" + n);
        }
        Taps cols = Taps.of(x0, side, n, image.width());
        Taps rows = Taps.of(y0, side, n, image.height());
        int w = image.width();
        float[][] planes = {image.r(), image.g(), image.b()};
        // One interpolated source row per output row, over the columns the output touches only.
        int c0 = cols.first;
        int span = Math.max(cols.last - cols.first + 1, 0);
        float[] row = new float[3 * Math.max(span, 1)];
        float mr = meanRgb[0] / 255f;
        float mg = meanRgb[1] / 255f;
        float mb = meanRgb[2] / 255f;
        for (int oy = 0; oy < n; oy++) {
            java.util.Arrays.fill(row, 0f);
            for (int t = rows.start[oy], te = rows.start[oy + 1]; t < te; t++) {
                int sy = rows.index[t];
                float wy = rows.weight[t];
                int base = sy * w + c0;
                for (int c = 0; c < 3; c++) {
                    float[] p = planes[c];
                    int rb = c * span;
                    for (int x = 0; x < span; x++) {
                        row[rb + x] += wy * p[base + x];
                    }
                }
            }
            for (int ox = 0; ox < n; ox++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int t = cols.start[ox], te = cols.start[ox + 1]; t < te; t++) {
                    int x = cols.index[t] - c0;
                    float wx = cols.weight[t];
                    r += wx * row[x];
                    g += wx * row[span + x];
                    b += wx * row[2 * span + x];
                }
                int o = oy * n + ox;
                planesOut[0][o] = r - mr;
                planesOut[1][o] = g - mg;
                planesOut[2][o] = b - mb;
            }
        }
    }

    /** Per-output filter taps along one axis, in-image taps only, weights normalised over all taps. */
    private static final class Taps {
        final int[] start;
        final int[] index;
        final float[] weight;
        final int first;
        final int last;

        private Taps(int[] start, int[] index, float[] weight, int first, int last) {
            this.start = start;
            this.index = index;
            this.weight = weight;
            this.first = first;
            this.last = last;
        }

        static Taps of(double origin, double side, int n, int size) {
            double scale = side / n;
            double support = Math.max(1.0, scale);
            int maxTaps = (int) Math.ceil(2 * support) + 2;
            int[] start = new int[n + 1];
            int[] index = new int[n * maxTaps];
            float[] weight = new float[n * maxTaps];
            int count = 0;
            int first = Integer.MAX_VALUE;
            int last = Integer.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                start[i] = count;
                // centre in source index space, where source pixel k has its centre at k
                double centre = origin + (i + 0.5) * scale - 0.5;
                int lo = (int) Math.ceil(centre - support);
                int hi = (int) Math.floor(centre + support);
                double total = 0;
                for (int k = lo; k <= hi; k++) {
                    total += Math.max(0.0, 1.0 - Math.abs(k - centre) / support);
                }
                if (total <= 0) {
                    continue;
                }
                for (int k = Math.max(lo, 0); k <= Math.min(hi, size - 1); k++) {
                    double wgt = Math.max(0.0, 1.0 - Math.abs(k - centre) / support) / total;
                    if (wgt > 0) {
                        index[count] = k;
                        weight[count] = (float) wgt;
                        count++;
                        first = Math.min(first, k);
                        last = Math.max(last, k);
                    }
                }
            }
            start[n] = count;
            if (count == 0) {
                first = 0;
                last = -1;
            }
            return new Taps(start, index, weight, first, last);
        }
    }
}
