package io.inverseface.core.landmarks;

import io.inverseface.render.RgbImage;

/**
 * Test helper: a photo turned clockwise by whole quarter turns. One turn of a {@code W × H} photo gives
 * an {@code H × W} one, and a point {@code (x, y)} (pixel-corner coordinates) goes to {@code (H − y, x)}.
 * The pixels are moved, not resampled.
 */
final class QuarterTurn {

    private QuarterTurn() {
    }

    /**
     * @param image    the photo
     * @param quarters clockwise quarter turns, 0..3
     * @return the turned photo (the same object for 0)
     */
    static RgbImage turn(RgbImage image, int quarters) {
        RgbImage out = image;
        for (int q = 0; q < quarters; q++) {
            out = once(out);
        }
        return out;
    }

    private static RgbImage once(RgbImage image) {
        int w = image.width();
        int h = image.height();
        float[][] src = {image.r(), image.g(), image.b()};
        float[][] dst = new float[3][w * h];
        // turned pixel (i, j), in a photo h wide and w high, is the photo's pixel (x = j, y = h − 1 − i)
        for (int j = 0; j < w; j++) {
            for (int i = 0; i < h; i++) {
                int from = (h - 1 - i) * w + j;
                int to = j * h + i;
                dst[0][to] = src[0][from];
                dst[1][to] = src[1][from];
                dst[2][to] = src[2][from];
            }
        }
        return new RgbImage(h, w, dst[0], dst[1], dst[2]);
    }
}
