package io.inverseface.optim.backend.cpu;

/** Serial inner kernels of {@link CpuBackend}; loops written so that the JIT auto-vectorises them. */
final class NormalKernels {

    private NormalKernels() {
    }

    /**
     * Upper triangle of Σ_{k∈[lo,hi)} J_kᵀ J_k accumulated into c (n×n row-major), eight rows of J
     * at a time: {@code C[i][j] += Σ_{q<8} J[k+q][i]·J[k+q][j]} loads and stores C once per eight
     * multiply-adds; the j loop is element-wise, so C2 turns it into SIMD code.
     */
    static void upperFloat(float[] jm, int n, int lo, int hi, float[] c) {
        int k = lo;
        for (; k + 7 < hi; k += 8) {
            int b0 = k * n;
            int b1 = b0 + n;
            int b2 = b1 + n;
            int b3 = b2 + n;
            int b4 = b3 + n;
            int b5 = b4 + n;
            int b6 = b5 + n;
            int b7 = b6 + n;
            for (int i = 0; i < n; i++) {
                float a0 = jm[b0 + i];
                float a1 = jm[b1 + i];
                float a2 = jm[b2 + i];
                float a3 = jm[b3 + i];
                float a4 = jm[b4 + i];
                float a5 = jm[b5 + i];
                float a6 = jm[b6 + i];
                float a7 = jm[b7 + i];
                int row = i * n;
                for (int j = i; j < n; j++) {
                    c[row + j] += a0 * jm[b0 + j] + a1 * jm[b1 + j] + a2 * jm[b2 + j] + a3 * jm[b3 + j]
                            + a4 * jm[b4 + j] + a5 * jm[b5 + j] + a6 * jm[b6 + j] + a7 * jm[b7 + j];
                }
            }
        }
        for (; k < hi; k++) {
            int b0 = k * n;
            for (int i = 0; i < n; i++) {
                float a0 = jm[b0 + i];
                int row = i * n;
                for (int j = i; j < n; j++) {
                    c[row + j] += a0 * jm[b0 + j];
                }
            }
        }
    }

    /** Double counterpart of {@link #upperFloat}. */
    static void upperDouble(double[] jm, int n, int lo, int hi, double[] c) {
        int k = lo;
        for (; k + 3 < hi; k += 4) {
            int b0 = k * n;
            int b1 = b0 + n;
            int b2 = b1 + n;
            int b3 = b2 + n;
            for (int i = 0; i < n; i++) {
                double a0 = jm[b0 + i];
                double a1 = jm[b1 + i];
                double a2 = jm[b2 + i];
                double a3 = jm[b3 + i];
                int row = i * n;
                for (int j = i; j < n; j++) {
                    c[row + j] += a0 * jm[b0 + j] + a1 * jm[b1 + j] + a2 * jm[b2 + j] + a3 * jm[b3 + j];
                }
            }
        }
        for (; k < hi; k++) {
            int b0 = k * n;
            for (int i = 0; i < n; i++) {
                double a0 = jm[b0 + i];
                int row = i * n;
                for (int j = i; j < n; j++) {
                    c[row + j] += a0 * jm[b0 + j];
                }
            }
        }
    }

    /** g += Σ_{k∈[lo,hi)} u_k·J_k (float J, double accumulation of the per-row axpy). */
    static void transposedTimesFloat(float[] jm, int n, double[] u, int lo, int hi, double[] g) {
        for (int k = lo; k < hi; k++) {
            double uk = u[k];
            if (uk == 0) {
                continue;
            }
            int base = k * n;
            for (int j = 0; j < n; j++) {
                g[j] += uk * jm[base + j];
            }
        }
    }

    static void transposedTimesDouble(double[] jm, int n, double[] u, int lo, int hi, double[] g) {
        for (int k = lo; k < hi; k++) {
            double uk = u[k];
            if (uk == 0) {
                continue;
            }
            int base = k * n;
            for (int j = 0; j < n; j++) {
                g[j] += uk * jm[base + j];
            }
        }
    }
}
