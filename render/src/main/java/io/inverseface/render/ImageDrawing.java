package io.inverseface.render;

/**
 * Small drawing helpers for diagnostic pictures (landmarks, wireframes, overlays). Everything is clipped
 * to the image; coordinates are continuous pixel coordinates (pixel centres at +0.5).
 */
public final class ImageDrawing {
    private ImageDrawing() { }

    /** Filled disc of the given radius (pixels) centred at (x, y): pixels whose centre is within the radius. */
    public static void drawPoint(RgbImage img, double x, double y, double radius, float r, float g, float b) {
        int x0 = (int) Math.floor(x - radius - 0.5), x1 = (int) Math.ceil(x + radius - 0.5);
        int y0 = (int) Math.floor(y - radius - 0.5), y1 = (int) Math.ceil(y + radius - 0.5);
        double r2 = Math.max(radius * radius, 0.25);
        for (int py = Math.max(0, y0); py <= Math.min(img.height() - 1, y1); py++) {
            for (int px = Math.max(0, x0); px <= Math.min(img.width() - 1, x1); px++) {
                double dx = px + 0.5 - x, dy = py + 0.5 - y;
                if (dx * dx + dy * dy <= r2) {
                    put(img, px, py, r, g, b);
                }
            }
        }
    }

    /** An axis-aligned cross ("+") with arms of {@code halfSize} pixels centred at (x, y). */
    public static void drawCross(RgbImage img, double x, double y, double halfSize, float r, float g, float b) {
        drawLine(img, x - halfSize, y, x + halfSize, y, r, g, b);
        drawLine(img, x, y - halfSize, x, y + halfSize, r, g, b);
    }

    /** A one-pixel line from (x0, y0) to (x1, y1), sampled once per pixel step along the major axis. */
    public static void drawLine(RgbImage img, double x0, double y0, double x1, double y1, float r, float g, float b) {
        if (!Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(x1) || !Double.isFinite(y1)) {
            return; // nothing sensible to draw
        }
        double dx = x1 - x0, dy = y1 - y0;
        int steps = (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
        // Clip the parameter range to a generous box so off-screen lines cost nothing.
        if (steps > 4 * (img.width() + img.height()) + 16) {
            steps = 4 * (img.width() + img.height()) + 16;
        }
        for (int i = 0; i <= steps; i++) {
            double t = steps == 0 ? 0 : i / (double) steps;
            int px = (int) Math.floor(x0 + t * dx), py = (int) Math.floor(y0 + t * dy);
            if (px >= 0 && py >= 0 && px < img.width() && py < img.height()) {
                put(img, px, py, r, g, b);
            }
        }
    }

    /** Draws every triangle edge of projected vertices ({@code screenXyz}: pixel x, y, depth per vertex). */
    public static void drawWireframe(RgbImage img, float[] screenXyz, int[] triangles, float r, float g, float b) {
        for (int t = 0; t < triangles.length; t += 3) {
            for (int k = 0; k < 3; k++) {
                int a = 3 * triangles[t + k], c = 3 * triangles[t + (k + 1) % 3];
                drawLine(img, screenXyz[a], screenXyz[a + 1], screenXyz[c], screenXyz[c + 1], r, g, b);
            }
        }
    }

    /** {@code (1 − α)·base + α·overlay} as a new image; both images must have the same size, α in [0, 1]. */
    public static RgbImage blend(RgbImage base, RgbImage overlay, float alpha) {
        return blend(base, overlay, alpha, null);
    }

    /**
     * Alpha blend restricted by a per-pixel mask (weights in [0, 1], length width·height, or null for all
     * ones): {@code out = base + α·mask·(overlay − base)}. Used to lay a render over a photo where the
     * render's visibility mask is set.
     */
    public static RgbImage blend(RgbImage base, RgbImage overlay, float alpha, float[] mask) {
        if (base.width() != overlay.width() || base.height() != overlay.height()) {
            throw new IllegalArgumentException("blend needs equal sizes, got " + base.width() + "x" + base.height()
                    + " and " + overlay.width() + "x" + overlay.height());
        }
        if (!(alpha >= 0f && alpha <= 1f)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        int n = base.width() * base.height();
        if (mask != null && mask.length != n) {
            throw new IllegalArgumentException("mask needs " + n + " values, got " + mask.length);
        }
        RgbImage out = new RgbImage(base.width(), base.height());
        for (int c = 0; c < 3; c++) {
            float[] a = base.channel(c), o = overlay.channel(c), d = out.channel(c);
            for (int i = 0; i < n; i++) {
                float w = mask == null ? alpha : alpha * mask[i];
                d[i] = a[i] + w * (o[i] - a[i]);
            }
        }
        return out;
    }

    /** Visibility mask as blend weights (1 where a triangle is visible). */
    public static float[] coverageWeights(VisibilityBuffer vis) {
        int[] ids = vis.triangleId();
        float[] m = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            m[i] = ids[i] == VisibilityBuffer.EMPTY ? 0f : 1f;
        }
        return m;
    }

    private static void put(RgbImage img, int x, int y, float r, float g, float b) {
        int i = y * img.width() + x;
        img.r()[i] = r;
        img.g()[i] = g;
        img.b()[i] = b;
    }
}
