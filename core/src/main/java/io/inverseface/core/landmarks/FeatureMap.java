package io.inverseface.core.landmarks;

/**
 * One image's activations in NHWC order, stored as one channel vector per pixel:
 * {@code pixels()[y * width + x][c]}.
 *
 * <p>Why not one flat array: HotSpot's auto-vectoriser (JDK 17) only vectorises loops whose array
 * indices are the loop counter plus a constant; with a separate zero-based array per pixel every
 * channel loop qualifies. Shapes are fixed; contents are mutable, so a forward pass allocates its
 * maps once per thread and reuses them.
 */
public final class FeatureMap {

    private final int height;
    private final int width;
    private final int channels;
    private final float[][] pixels;

    /** A zero-filled map of the given shape. */
    public FeatureMap(int height, int width, int channels) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("feature map shape must be positive, got "
                    + height + "x" + width + "x" + channels);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.pixels = new float[height * width][channels];
    }

    /**
     * @param nhwc {@code height * width * channels} values, channel fastest
     * @return a new map holding a copy of them
     */
    public static FeatureMap of(int height, int width, int channels, float[] nhwc) {
        FeatureMap map = new FeatureMap(height, width, channels);
        if (nhwc.length != map.size()) {
            throw new IllegalArgumentException("expected " + map.size() + " values, got " + nhwc.length);
        }
        for (int p = 0; p < map.pixels.length; p++) {
            System.arraycopy(nhwc, p * channels, map.pixels[p], 0, channels);
        }
        return map;
    }

    /** @return the values flattened NHWC (a fresh array) */
    public float[] toArray() {
        float[] out = new float[size()];
        for (int p = 0; p < pixels.length; p++) {
            System.arraycopy(pixels[p], 0, out, p * channels, channels);
        }
        return out;
    }

    /** @return the per-pixel channel vectors, row-major; shared, not copied */
    public float[][] pixels() {
        return pixels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    /** @return {@code height * width * channels} */
    public int size() {
        return height * width * channels;
    }

    /** @return the value at row {@code y}, column {@code x}, channel {@code c} */
    public float get(int y, int x, int c) {
        return pixels[y * width + x][c];
    }

    /** @return whether the shapes are equal */
    public boolean sameShape(FeatureMap o) {
        return height == o.height && width == o.width && channels == o.channels;
    }

    /** @return e.g. {@code 13x13x25} */
    public String shape() {
        return height + "x" + width + "x" + channels;
    }
}
