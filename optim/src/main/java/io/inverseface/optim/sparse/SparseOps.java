package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;

/** Allocation-free sparse matrix–vector products on CSC storage. */
final class SparseOps {
    private SparseOps() {
    }

    /** y = M·x (y overwritten). */
    static void mult(DMatrixSparseCSC m, double[] x, double[] y) {
        java.util.Arrays.fill(y, 0, m.numRows, 0.0);
        int[] colIdx = m.col_idx;
        int[] rows = m.nz_rows;
        double[] vals = m.nz_values;
        for (int j = 0; j < m.numCols; j++) {
            double xj = x[j];
            if (xj == 0) {
                continue;
            }
            for (int k = colIdx[j]; k < colIdx[j + 1]; k++) {
                y[rows[k]] += vals[k] * xj;
            }
        }
    }

    /** y = Mᵀ·v (y overwritten): a dot product per column. */
    static void multTranspose(DMatrixSparseCSC m, double[] v, double[] y) {
        int[] colIdx = m.col_idx;
        int[] rows = m.nz_rows;
        double[] vals = m.nz_values;
        for (int j = 0; j < m.numCols; j++) {
            double s = 0;
            for (int k = colIdx[j]; k < colIdx[j + 1]; k++) {
                s += vals[k] * v[rows[k]];
            }
            y[j] = s;
        }
    }

    static double norm(double[] v, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += v[i] * v[i];
        }
        return Math.sqrt(s);
    }
}
