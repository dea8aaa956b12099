package io.inverseface.core.landmarks;

import io.inverseface.render.RgbImage;

/**
 * Resamples a {@link RotatedSquare} of the photo into an {@code n×n} RGB crop, values in [0, 1],
 * black outside the image.
 *
 * <p>Two stages so that large faces are area-averaged, not aliased: {@link ImageSampler} first
 * reduces the square's axis-aligned bounds to the crop's own resolution, then a bilinear lookup
 * turns it. An unturned square takes the first stage only.
 */
final class RotatedCropSampler {

    private static final float[] NO_MEAN = {0, 0, 0};

    private RotatedCropSampler() {
    }

    /**
     * @param image the photo
     * @param roi   the square to cut out
     * @param n     output size
     * @return three planes of {@code n * n} values, row-major; crop pixel {@code (i, j)} samples the
     *         crop point {@code ((i + ½) / n, (j + ½) / n)}
     */
    static float[][] sample(RgbImage image, RotatedSquare roi, int n) {
        float[][] out = new float[3][n * n];
        double c = Math.cos(roi.angle());
        double s = Math.sin(roi.angle());
        if (Math.abs(s) < 1e-9 && c > 0) {
            ImageSampler.sampleSquare(image, roi.centerX() - roi.side() / 2, roi.centerY() - roi.side() / 2,
                    roi.side(), n, NO_MEAN, out);
            return out;
        }
        FaceBox bounds = roi.bounds();
        int m = (int) Math.ceil(n * bounds.width() / roi.side());
        float[][] stage = new float[3][m * m];
        ImageSampler.sampleSquare(image, bounds.x(), bounds.y(), bounds.width(), m, NO_MEAN, stage);
        double toStage = m / bounds.width();
        for (int j = 0; j < n; j++) {
            double v = (j + 0.5) / n;
            for (int i = 0; i < n; i++) {
                double u = (i + 0.5) / n;
                // stage index space: pixel k has its centre at k
                double qx = (roi.imageX(u, v) - bounds.x()) * toStage - 0.5;
                double qy = (roi.imageY(u, v) - bounds.y()) * toStage - 0.5;
                int x0 = (int) Math.floor(qx);
                int y0 = (int) Math.floor(qy);
                float fx = (float) (qx - x0);
                float fy = (float) (qy - y0);
                int o = j * n + i;
                for (int ch = 0; ch < 3; ch++) {
                    float[] p = stage[ch];
                    float top = (1 - fx) * at(p, m, x0, y0) + fx * at(p, m, x0 + 1, y0);
                    float bottom = (1 - fx) * at(p, m, x0, y0 + 1) + fx * at(p, m, x0 + 1, y0 + 1);
                    out[ch][o] = (1 - fy) * top + fy * bottom;
                }
            }
        }
        return out;
    }

    private static float at(float[] plane, int m, int x, int y) {
        return x < 0 || y < 0 || x >= m || y >= m ? 0f : plane[y * m + x];
    }
}
