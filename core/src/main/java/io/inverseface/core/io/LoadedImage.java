package io.inverseface.core.io;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * A decoded photograph as three planar float channels, row-major ({@code index = y * width + x}).
 *
 * <p>Values are the file's sRGB-encoded intensities scaled to [0, 1] (no linearisation: the
 * shading model decides whether to undo the transfer curve). Pixel {@code (x, y)} covers the square
 * {@code [x, x+1) × [y, y+1)}, so its centre is at {@code (x + 0.5, y + 0.5)} — the same convention as
 * {@link Landmarks}.
 *
 * <p>The arrays are shared, not copied, to avoid duplicating megapixel buffers; treat them as
 * read-only.
 *
 * @param width  width in pixels, &gt; 0
 * @param height height in pixels, &gt; 0
 * @param r      red plane, {@code width * height} values
 * @param g      green plane, {@code width * height} values
 * @param b      blue plane, {@code width * height} values
 * @param source the file it was read from, or {@code null} when built in memory
 */
public record LoadedImage(int width, int height, float[] r, float[] g, float[] b, Path source) {

    /** Checks that the planes match the dimensions. */
    public LoadedImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long n = (long) width * height;
        if (r == null || g == null || b == null || r.length != n || g.length != n || b.length != n) {
            throw new IllegalArgumentException("each colour plane must hold width*height = " + n + " values");
        }
    }

    /** @return the plane index of pixel {@code (x, y)} */
    public int index(int x, int y) {
        return y * width + x;
    }

    /**
     * Converts an AWT image (any type) to planes through its sRGB {@code getRGB} view.
     *
     * @param image  the image to convert
     * @param source the file it came from, or {@code null}
     * @return the planar image
     */
    public static LoadedImage fromBufferedImage(BufferedImage image, Path source) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] r = new float[w * h];
        float[] g = new float[w * h];
        float[] b = new float[w * h];
        final float inv = 1f / 255f;
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            r[i] = ((p >> 16) & 0xff) * inv;
            g[i] = ((p >> 8) & 0xff) * inv;
            b[i] = (p & 0xff) * inv;
        }
        return new LoadedImage(w, h, r, g, b, source);
    }

    /** @return an 8-bit {@link BufferedImage#TYPE_INT_RGB} copy, values rounded and clamped to [0, 255] */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[width * height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (to8(r[i]) << 16) | (to8(g[i]) << 8) | to8(b[i]);
        }
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }

    private static int to8(float v) {
        int q = Math.round(v * 255f);
        return q < 0 ? 0 : Math.min(q, 255);
    }
}
