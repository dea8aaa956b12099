package io.inverseface.core.landmarks;

/** Splits a row-major matrix into one array per row (see {@link FeatureMap} for why). */
final class Rows {

    private Rows() {
    }

    static float[][] split(float[] flat, int rows, int cols) {
        if (flat.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows + "x" + cols + " values, got " + flat.length);
        }
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
