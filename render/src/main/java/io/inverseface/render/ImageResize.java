package io.inverseface.render;

/**
 * Image resampling with the pixel-centre convention: destination pixel centre {@code u + 0.5} samples the
 * source at {@code (u + 0.5)·(srcWidth/dstWidth)}, so a continuous pixel coordinate {@code x} maps to
 * {@code x·(dstWidth/srcWidth)}.
 */
public final class ImageResize {
    private ImageResize() { }

    /** Bilinear resampling to {@code width × height} (edge pixels clamped). */
    public static RgbImage bilinear(RgbImage src, int width, int height) {
        RgbImage out = new RgbImage(width, height);
        int sw = src.width(), sh = src.height();
        double fx = sw / (double) width, fy = sh / (double) height;
        for (int y = 0; y < height; y++) {
            double sy = Math.min(Math.max((y + 0.5) * fy - 0.5, 0), sh - 1);
            int y0 = (int) sy, y1 = Math.min(y0 + 1, sh - 1);
            float ty = (float) (sy - y0);
            for (int x = 0; x < width; x++) {
                double sx = Math.min(Math.max((x + 0.5) * fx - 0.5, 0), sw - 1);
                int x0 = (int) sx, x1 = Math.min(x0 + 1, sw - 1);
                float tx = (float) (sx - x0);
                int o = y * width + x;
                for (int c = 0; c < 3; c++) {
                    float[] s = src.channel(c);
                    float top = s[y0 * sw + x0] + tx * (s[y0 * sw + x1] - s[y0 * sw + x0]);
                    float bot = s[y1 * sw + x0] + tx * (s[y1 * sw + x1] - s[y1 * sw + x0]);
                    out.channel(c)[o] = top + ty * (bot - top);
                }
            }
        }
        return out;
    }

    /**
     * Box-filter downsampling by 2: each output pixel is the mean of a 2×2 block. Output size is
     * {@code ⌈w/2⌉ × ⌈h/2⌉}; for odd sizes the last row/column averages the available pixels only.
     */
    public static RgbImage downsample2(RgbImage src) {
        int sw = src.width(), sh = src.height();
        int w = (sw + 1) / 2, h = (sh + 1) / 2;
        RgbImage out = new RgbImage(w, h);
        for (int c = 0; c < 3; c++) {
            float[] s = src.channel(c), d = out.channel(c);
            for (int y = 0; y < h; y++) {
                int ya = 2 * y, yb = Math.min(2 * y + 1, sh - 1);
                for (int x = 0; x < w; x++) {
                    int xa = 2 * x, xb = Math.min(2 * x + 1, sw - 1);
                    float sum = s[ya * sw + xa], n = 1;
                    if (xb != xa) { sum += s[ya * sw + xb]; n++; }
                    if (yb != ya) { sum += s[yb * sw + xa]; n++; }
                    if (xb != xa && yb != ya) { sum += s[yb * sw + xb]; n++; }
                    d[y * w + x] = sum / n;
                }
            }
        }
        return out;
    }

    /** Scales an image so that its longer side is at most {@code maxSide} (bilinear after box halvings). */
    public static RgbImage fitWithin(RgbImage src, int maxSide) {
        if (maxSide <= 0) {
            throw new IllegalArgumentException("maxSide must be positive, got " + maxSide);
        }
        RgbImage img = src;
        while (Math.max(img.width(), img.height()) >= 2 * maxSide) {
            img = downsample2(img);
        }
        int longer = Math.max(img.width(), img.height());
        if (longer <= maxSide) {
            return img;
        }
        double f = maxSide / (double) longer;
        return bilinear(img, Math.max(1, (int) Math.round(img.width() * f)), Math.max(1, (int) Math.round(img.height() * f)));
    }
}
