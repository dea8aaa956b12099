package io.inverseface.benchmarks.optim;

import java.util.Random;

/** Synthetic Jacobians for the PCG benchmarks: J = G·M with Gaussian G (m×n) and M mixing columns. */
final class PcgProblems {

    private PcgProblems() {
    }

    /**
     * Row-major m×n Jacobian with correlated columns, J[k][c] = G[k][c] + ρ·G[k][c−1] + ρ²·G[k][c−2],
     * scaled by column factors spanning 10^{-2}..1: moderately conditioned, like a 3DMM Jacobian
     * after Jacobi scaling (the preconditioner removes the column scales, not the correlation).
     */
    static double[] jacobian(int m, int n, long seed) {
        Random random = new Random(seed);
        double[] g = new double[m * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = random.nextGaussian();
        }
        double rho = 0.7;
        double[] j = new double[m * n];
        for (int k = 0; k < m; k++) {
            int b = k * n;
            for (int c = 0; c < n; c++) {
                double v = g[b + c];
                if (c > 0) {
                    v += rho * g[b + c - 1];
                }
                if (c > 1) {
                    v += rho * rho * g[b + c - 2];
                }
                j[b + c] = v * Math.pow(10, -2.0 * c / n);
            }
        }
        return j;
    }

    static double[] vector(int size, long seed) {
        Random random = new Random(seed);
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
