package io.inverseface.benchmarks.fidelity;

import java.util.Random;

/**
 * What a scan render shows behind the head, painted deterministically from a seed (sRGB values).
 */
public enum BackgroundKind {
    /** A flat mid grey, as in a studio. */
    FLAT,
    /** Grey with a smooth brightness ramp and strong per-pixel noise. */
    NOISY,
    /** A gradient with random coloured rectangles, some of them gradients themselves (an office wall). */
    CLUTTERED;

    /** Paints {@code width × height} planes (row-major, values in [0, 1]). */
    public void paint(float[] r, float[] g, float[] b, int width, int height, Random random) {
        switch (this) {
            case FLAT -> {
                java.util.Arrays.fill(r, 0.5f);
                java.util.Arrays.fill(g, 0.5f);
                java.util.Arrays.fill(b, 0.5f);
            }
            case NOISY -> {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int i = y * width + x;
                        double base = 0.35 + 0.25 * x / width + 0.1 * y / height;
                        r[i] = clamp(base + 0.10 * random.nextGaussian());
                        g[i] = clamp(base + 0.10 * random.nextGaussian());
                        b[i] = clamp(base + 0.10 * random.nextGaussian());
                    }
                }
            }
            case CLUTTERED -> {
                float[] top = randomColour(random), bottom = randomColour(random);
                for (int y = 0; y < height; y++) {
                    float f = (float) y / (height - 1);
                    for (int x = 0; x < width; x++) {
                        int i = y * width + x;
                        r[i] = top[0] + f * (bottom[0] - top[0]);
                        g[i] = top[1] + f * (bottom[1] - top[1]);
                        b[i] = top[2] + f * (bottom[2] - top[2]);
                    }
                }
                int rectangles = 25 + random.nextInt(15);
                for (int k = 0; k < rectangles; k++) {
                    int w = 10 + random.nextInt(width / 3), h = 10 + random.nextInt(height / 3);
                    int x0 = random.nextInt(width) - w / 2, y0 = random.nextInt(height) - h / 2;
                    float[] c0 = randomColour(random), c1 = random.nextBoolean() ? randomColour(random) : c0;
                    boolean horizontal = random.nextBoolean();
                    for (int y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
                        for (int x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
                            float f = horizontal ? (float) (x - x0) / w : (float) (y - y0) / h;
                            int i = y * width + x;
                            r[i] = c0[0] + f * (c1[0] - c0[0]);
                            g[i] = c0[1] + f * (c1[1] - c0[1]);
                            b[i] = c0[2] + f * (c1[2] - c0[2]);
                        }
                    }
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    /** A random colour of moderate saturation (a room's objects, not a test pattern). */
    private static float[] randomColour(Random random) {
        float grey = 0.15f + 0.7f * random.nextFloat();
        float[] c = new float[3];
        for (int i = 0; i < 3; i++) {
            c[i] = (float) Math.max(0, Math.min(1, grey + 0.45 * (random.nextFloat() - 0.5)));
        }
        return c;
    }

    private static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }
}
