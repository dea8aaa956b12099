package io.inverseface.optim.backend.cpu;

/** Serial inner kernels of {@link CpuBackend}; loops written so that the JIT auto-vectorises them. */
final class NormalKernels {

    private NormalKernels() {
    }

    /** Rows of J accumulated in float before the partial sum is flushed into the double result. */
    static final int FLOAT_FLUSH_ROWS = 512;

    /**
     * Upper triangle of Σ_{k∈[lo,hi)} J_kᵀ J_k added into c (n×n row-major, double). Rows are taken
     * in blocks of {@link #FLOAT_FLUSH_ROWS}; each block is accumulated in the float scratch
     * {@code acc} (n·n) by {@link #upperFloatBlock} and then added to c, so float rounding error
     * grows with the block length, not with m.
     */
    static void upperFloat(float[] jm, int n, int lo, int hi, float[] acc, double[] c) {
        for (int start = lo; start < hi; start += FLOAT_FLUSH_ROWS) {
            int end = Math.min(hi, start + FLOAT_FLUSH_ROWS);
            java.util.Arrays.fill(acc, 0, n * n, 0f);
            upperFloatBlock(jm, n, start, end, acc);
            for (int i = 0; i < n; i++) {
                int row = i * n;
                for (int j = i; j < n; j++) {
                    c[row + j] += acc[row + j];
                }
            }
        }
    }

    /**
     * Upper triangle of Σ_{k∈[lo,hi)} J_kᵀ J_k accumulated into c (float), as 4×4 register tiles:
     * four rows k..k+3 of J against four rows i..i+3 of C,
     * {@code C[i+p][j] += Σ_{q<4} J[k+q][i+p]·J[k+q][j]} for j ≥ i. The 16 factors J[k+q][i+p]
     * stay in registers and each loaded J[k+q][j] feeds four rows of C (8 flops per load instead
     * of 2); the j loop is element-wise, so C2 turns it into SIMD code. The few entries j &lt; i+p
     * of the tile's lower rows lie below the diagonal and are never read.
     */
    static void upperFloatBlock(float[] jm, int n, int lo, int hi, float[] c) {
        int k = lo;
        for (; k + 3 < hi; k += 4) {
            int b0 = k * n;
            int b1 = b0 + n;
            int b2 = b1 + n;
            int b3 = b2 + n;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                float a00 = jm[b0 + i], a01 = jm[b1 + i], a02 = jm[b2 + i], a03 = jm[b3 + i];
                float a10 = jm[b0 + i + 1], a11 = jm[b1 + i + 1], a12 = jm[b2 + i + 1], a13 = jm[b3 + i + 1];
                float a20 = jm[b0 + i + 2], a21 = jm[b1 + i + 2], a22 = jm[b2 + i + 2], a23 = jm[b3 + i + 2];
                float a30 = jm[b0 + i + 3], a31 = jm[b1 + i + 3], a32 = jm[b2 + i + 3], a33 = jm[b3 + i + 3];
                int r0 = i * n;
                int r1 = r0 + n;
                int r2 = r1 + n;
                int r3 = r2 + n;
                for (int j = i; j < n; j++) {
                    float x0 = jm[b0 + j], x1 = jm[b1 + j], x2 = jm[b2 + j], x3 = jm[b3 + j];
                    c[r0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
                    c[r1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
                    c[r2 + j] += a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3;
                    c[r3 + j] += a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3;
                }
            }
            for (; i < n; i++) {
                float a0 = jm[b0 + i], a1 = jm[b1 + i], a2 = jm[b2 + i], a3 = jm[b3 + i];
                int row = i * n;
                for (int j = i; j < n; j++) {
                    c[row + j] += a0 * jm[b0 + j] + a1 * jm[b1 + j] + a2 * jm[b2 + j] + a3 * jm[b3 + j];
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

    /** Double counterpart of {@link #upperFloatBlock} (same 4×4 register tiles), accumulated into c. */
    static void upperDouble(double[] jm, int n, int lo, int hi, double[] c) {
        int k = lo;
        for (; k + 3 < hi; k += 4) {
            int b0 = k * n;
            int b1 = b0 + n;
            int b2 = b1 + n;
            int b3 = b2 + n;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                double a00 = jm[b0 + i], a01 = jm[b1 + i], a02 = jm[b2 + i], a03 = jm[b3 + i];
                double a10 = jm[b0 + i + 1], a11 = jm[b1 + i + 1], a12 = jm[b2 + i + 1], a13 = jm[b3 + i + 1];
                double a20 = jm[b0 + i + 2], a21 = jm[b1 + i + 2], a22 = jm[b2 + i + 2], a23 = jm[b3 + i + 2];
                double a30 = jm[b0 + i + 3], a31 = jm[b1 + i + 3], a32 = jm[b2 + i + 3], a33 = jm[b3 + i + 3];
                int r0 = i * n;
                int r1 = r0 + n;
                int r2 = r1 + n;
                int r3 = r2 + n;
                for (int j = i; j < n; j++) {
                    double x0 = jm[b0 + j], x1 = jm[b1 + j], x2 = jm[b2 + j], x3 = jm[b3 + j];
                    c[r0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
                    c[r1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
                    c[r2 + j] += a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3;
                    c[r3 + j] += a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3;
                }
            }
            for (; i < n; i++) {
                double a0 = jm[b0 + i], a1 = jm[b1 + i], a2 = jm[b2 + i], a3 = jm[b3 + i];
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
