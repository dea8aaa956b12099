package io.inverseface.render;


import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * A planar float RGB image, row-major (index {@code y·width + x}), values nominally in [0, 1]. No gamma
 * handling is applied anywhere: values are stored and written exactly as given (PNG bytes =
 * {@code round(255·clamp(v, 0, 1))}). The channel arrays are live.
 */
public final class RgbImage {
    private final int width, height;
    private final float[] r, g, b;

    /** A black image. */
    public RgbImage(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        int n = Math.multiplyExact(width, height);
        r = new float[n];
        g = new float[n];
        b = new float[n];
    }

    /** Wraps existing planes (not copied). */
    public RgbImage(int width, int height, float[] r, float[] g, float[] b) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        int n = Math.multiplyExact(width, height);
        if (r.length != n || g.length != n || b.length != n) {
            throw new IllegalArgumentException("planes must have " + n + " values, got " + r.length + ", " + g.length + ", " + b.length);
        }
        this.width = width;
        this.height = height;
        this.r = r;
        this.g = g;
        this.b = b;
    }

    public int width() { return width; }
    public int height() { return height; }
    public float[] r() { return r; }
    public float[] g() { return g; }
    public float[] b() { return b; }

    /** Plane by channel index (0 = r, 1 = g, 2 = b). */
    public float[] channel(int c) {
        return switch (c) {
            case 0 -> r;
            case 1 -> g;
            case 2 -> b;
            default -> throw new IllegalArgumentException("channel must be 0, 1 or 2, got " + c);
        };
    }

    public float get(int x, int y, int c) {
        return channel(c)[index(x, y)];
    }

    /**
     * Bilinear colour at continuous pixel coordinates (u, v), pixel centres at {@code (i + 0.5, j + 0.5)};
     * outside the image the border is repeated. Writes r, g, b into {@code out[0..2]}.
     */
    public void sampleBilinear(double u, double v, double[] out) {
        double x = Math.min(Math.max(u - 0.5, 0), width - 1);
        double y = Math.min(Math.max(v - 0.5, 0), height - 1);
        int x0 = Math.max(0, Math.min((int) x, width - 2)), y0 = Math.max(0, Math.min((int) y, height - 2));
        int x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
        double fx = x - x0, fy = y - y0;
        int i00 = y0 * width + x0, i10 = y0 * width + x1, i01 = y1 * width + x0, i11 = y1 * width + x1;
        out[0] = lerp2(r, i00, i10, i01, i11, fx, fy);
        out[1] = lerp2(g, i00, i10, i01, i11, fx, fy);
        out[2] = lerp2(b, i00, i10, i01, i11, fx, fy);
    }

    private static double lerp2(float[] c, int i00, int i10, int i01, int i11, double fx, double fy) {
        return (1 - fy) * ((1 - fx) * c[i00] + fx * c[i10]) + fy * ((1 - fx) * c[i01] + fx * c[i11]);
    }

    public void set(int x, int y, float red, float green, float blue) {
        int i = index(x, y);
        r[i] = red; g[i] = green; b[i] = blue;
    }

    /** The plane index of pixel {@code (x, y)}, checked against the size. */
    public int index(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + width + "x" + height);
        }
        return y * width + x;
    }

    public void fill(float red, float green, float blue) {
        Arrays.fill(r, red);
        Arrays.fill(g, green);
        Arrays.fill(b, blue);
    }

    public RgbImage copy() {
        return new RgbImage(width, height, r.clone(), g.clone(), b.clone());
    }

    /** 8-bit sRGB-agnostic conversion: {@code round(255·clamp(v))} per channel. */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        // Straight into the raster's pixels: setRGB converts every pixel through the colour model, which
        // cost as much as the PNG encoding of a 1.5 Mpx picture.
        int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (toByte(r[i]) << 16) | (toByte(g[i]) << 8) | toByte(b[i]);
        }
        return img;
    }

    /**
     * [0, 1] to 0..255, rounded half up, NaN to 0 (Java's (int) of NaN). Branch-free on purpose: with
     * branches, pictures whose values sit mostly at 0 or 1 (the skin mask) sent the JIT into a
     * compile-deoptimise loop until it left the method interpreted, 2 s for five pictures.
     */
    private static int toByte(float v) {
        return Math.max(0, Math.min(255, (int) (v * 255f + 0.5f)));
    }

    /** Converts an AWT image (any type) to [0, 1] floats through its sRGB {@code getRGB} view, alpha ignored. */
    public static RgbImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        RgbImage out = new RgbImage(w, h);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x], i = y * w + x;
                out.r[i] = ((p >> 16) & 0xff) / 255f;
                out.g[i] = ((p >> 8) & 0xff) / 255f;
                out.b[i] = (p & 0xff) / 255f;
            }
        }
        return out;
    }
}
