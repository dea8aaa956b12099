package io.inverseface.render;

import java.util.Arrays;

/**
 * Per-pixel rasterization result, row-major (index {@code y·width + x}): the visible triangle id
 * ({@link #EMPTY} = −1 where nothing is drawn), the barycentric weights of the triangle's first two
 * vertices ({@code bary2 = 1 − bary0 − bary1}; perspective-correct for perspective cameras) and the depth
 * (smaller = nearer; {@code +Infinity} where empty). Arrays are live and reused across renders.
 */
public final class VisibilityBuffer {
    /** Triangle id of pixels that no triangle covers. */
    public static final int EMPTY = -1;

    private final int width, height;
    private final int[] triangleId;
    private final float[] bary0, bary1, depth;

    public VisibilityBuffer(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("buffer size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        int n = Math.multiplyExact(width, height);
        triangleId = new int[n];
        bary0 = new float[n];
        bary1 = new float[n];
        depth = new float[n];
        clear();
    }

    /** Resets every pixel to empty. */
    public void clear() {
        Arrays.fill(triangleId, EMPTY);
        Arrays.fill(bary0, 0f);
        Arrays.fill(bary1, 0f);
        Arrays.fill(depth, Float.POSITIVE_INFINITY);
    }

    public int width() { return width; }
    public int height() { return height; }
    public int[] triangleId() { return triangleId; }
    public float[] bary0() { return bary0; }
    public float[] bary1() { return bary1; }
    public float[] depth() { return depth; }

    /** Number of covered pixels. */
    public int coveredCount() {
        int n = 0;
        for (int id : triangleId) {
            if (id != EMPTY) {
                n++;
            }
        }
        return n;
    }

    /** Coverage mask as an image: white where covered, black elsewhere. */
    public RgbImage maskImage() {
        RgbImage img = new RgbImage(width, height);
        for (int i = 0; i < triangleId.length; i++) {
            float v = triangleId[i] == EMPTY ? 0f : 1f;
            img.r()[i] = v; img.g()[i] = v; img.b()[i] = v;
        }
        return img;
    }

    /** Depth as a grey image: nearest covered pixel white, farthest dark grey, empty black. */
    public RgbImage depthImage() {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < depth.length; i++) {
            if (triangleId[i] != EMPTY) {
                min = Math.min(min, depth[i]);
                max = Math.max(max, depth[i]);
            }
        }
        float range = max > min ? max - min : 1f;
        RgbImage img = new RgbImage(width, height);
        for (int i = 0; i < depth.length; i++) {
            float v = triangleId[i] == EMPTY ? 0f : 1f - 0.8f * (depth[i] - min) / range;
            img.r()[i] = v; img.g()[i] = v; img.b()[i] = v;
        }
        return img;
    }
}
