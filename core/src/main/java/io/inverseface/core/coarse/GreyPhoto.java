package io.inverseface.core.coarse;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;

/**
 * Tells a grey (black-and-white) photo from a colour one, looking only at the face: the box around the
 * 68 landmarks. A pixel is coloured when its channels differ by more than {@value #CHROMA} (about 8 of
 * 255, above JPEG's chroma noise on a grey picture); the face is grey when fewer than
 * {@value #COLOURED_FRACTION} of its pixels are. A grey face gets a grey albedo, because the photo carries
 * no evidence for the skin colour that the prior's mean would otherwise paint on.
 */
public final class GreyPhoto {
    static final double CHROMA = 0.03;
    static final double COLOURED_FRACTION = 0.02;

    private GreyPhoto() {
    }

    public static boolean isGrey(RgbImage image, Landmarks landmarks) {
        double[] c = landmarks.coordinates();
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int i = 0; i < c.length; i += 2) {
            x0 = Math.min(x0, c[i]);
            x1 = Math.max(x1, c[i]);
            y0 = Math.min(y0, c[i + 1]);
            y1 = Math.max(y1, c[i + 1]);
        }
        int w = image.width(), h = image.height();
        int xa = clamp((int) Math.floor(x0), w), xb = clamp((int) Math.ceil(x1), w);
        int ya = clamp((int) Math.floor(y0), h), yb = clamp((int) Math.ceil(y1), h);
        // A few thousand pixels decide it: step so that at most about 100×100 are read.
        int step = Math.max(1, Math.max(xb - xa, yb - ya) / 100);
        float[] r = image.channel(0), g = image.channel(1), b = image.channel(2);
        long seen = 0, coloured = 0;
        for (int y = ya; y <= yb; y += step) {
            for (int x = xa; x <= xb; x += step) {
                int i = y * w + x;
                float dr = Math.abs(r[i] - g[i]), dg = Math.abs(g[i] - b[i]), db = Math.abs(r[i] - b[i]);
                seen++;
                if (Math.max(dr, Math.max(dg, db)) > CHROMA) {
                    coloured++;
                }
            }
        }
        return seen > 0 && coloured < COLOURED_FRACTION * seen;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
