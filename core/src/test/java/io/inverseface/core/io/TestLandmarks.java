package io.inverseface.core.io;

/** Synthetic 68-point sets for tests: a grid around a centre with the outer eye corners placed exactly. */
final class TestLandmarks {

    private TestLandmarks() {
    }

    /** Points spread over about one inter-ocular distance around (cx, cy); 36 and 45 are iod apart. */
    static double[][] grid(double cx, double cy, double iod) {
        double[][] p = new double[Landmarks.COUNT][];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            p[i] = new double[] {cx + (i % 10 - 4.5) * iod / 10, cy + (i / 10 - 3) * iod / 10};
        }
        p[Landmarks.LEFT_EYE_OUTER] = new double[] {cx - iod / 2, cy};
        p[Landmarks.RIGHT_EYE_OUTER] = new double[] {cx + iod / 2, cy};
        return p;
    }
}
