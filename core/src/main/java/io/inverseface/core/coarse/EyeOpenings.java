package io.inverseface.core.coarse;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;

/**
 * The eye openings of a photo, from its 68 landmarks (the two six-point eye contours 36–41 and 42–47). The
 * model has no eyeballs: its eyelid skin spans the opening. So the face mask takes the openings out. The
 * overlay then shows the photo's own eyes instead of shut lids, and the detail stage never turns an
 * eyeball or lashes into displacement.
 */
public final class EyeOpenings {

    private static final int[][] CONTOURS = {{36, 37, 38, 39, 40, 41}, {42, 43, 44, 45, 46, 47}};

    private EyeOpenings() {
    }

    /** Sets every channel of {@code mask} to 0 inside both eye contours; returns the same mask. */
    public static RgbImage clear(RgbImage mask, Landmarks landmarks) {
        int w = mask.width(), h = mask.height();
        for (int[] contour : CONTOURS) {
            double[] xs = new double[contour.length], ys = new double[contour.length];
            double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (int k = 0; k < contour.length; k++) {
                xs[k] = landmarks.x(contour[k]);
                ys[k] = landmarks.y(contour[k]);
                minX = Math.min(minX, xs[k]);
                maxX = Math.max(maxX, xs[k]);
                minY = Math.min(minY, ys[k]);
                maxY = Math.max(maxY, ys[k]);
            }
            int x0 = Math.max(0, (int) Math.floor(minX)), x1 = Math.min(w - 1, (int) Math.ceil(maxX));
            int y0 = Math.max(0, (int) Math.floor(minY)), y1 = Math.min(h - 1, (int) Math.ceil(maxY));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    if (inside(xs, ys, x + 0.5, y + 0.5)) { // pixel centres, the library's convention
                        for (int c = 0; c < 3; c++) {
                            mask.channel(c)[y * w + x] = 0f;
                        }
                    }
                }
            }
        }
        return mask;
    }

    /** Even-odd rule. */
    static boolean inside(double[] xs, double[] ys, double px, double py) {
        boolean in = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > py) != (ys[j] > py)
                    && px < (xs[j] - xs[i]) * (py - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                in = !in;
            }
        }
        return in;
    }
}
