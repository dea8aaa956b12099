package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;

/**
 * The problem {@code min_x ‖A·x − b‖² + μ1‖x‖² + μ2‖L·x‖₁} with sparse {@code A} (m×n) and
 * {@code L} (p×n).
 *
 * <p>In the detail stage {@code A} is the linearised data (shading) term, {@code L} a mesh
 * Laplacian and the L1 norm keeps creases sharp. The matrices are referenced, not copied.
 *
 * @param a  data matrix, m×n
 * @param b  data vector, length m
 * @param mu1 ridge weight μ1 ≥ 0
 * @param mu2 L1 weight μ2 ≥ 0
 * @param l  regularisation operator, p×n
 */
public record L1Problem(DMatrixSparseCSC a, double[] b, double mu1, double mu2, DMatrixSparseCSC l) {

    /** Validates dimensions and that all numbers are finite. */
    public L1Problem {
        if (a == null || b == null || l == null) {
            throw new IllegalArgumentException("A, b and L must not be null");
        }
        if (b.length != a.numRows) {
            throw new IllegalArgumentException("b has length " + b.length + " but A has "
                    + a.numRows + " rows");
        }
        if (l.numCols != a.numCols) {
            throw new IllegalArgumentException("L has " + l.numCols + " columns but A has "
                    + a.numCols);
        }
        if (!(mu1 >= 0) || !Double.isFinite(mu1)) {
            throw new IllegalArgumentException("mu1 must be finite and >= 0, got " + mu1);
        }
        if (!(mu2 >= 0) || !Double.isFinite(mu2)) {
            throw new IllegalArgumentException("mu2 must be finite and >= 0, got " + mu2);
        }
        requireFinite("b", b, b.length);
        requireFinite("A", a.nz_values, a.nz_length);
        requireFinite("L", l.nz_values, l.nz_length);
    }

    /** Number of unknowns n. */
    public int numUnknowns() {
        return a.numCols;
    }

    /** Number of rows p of L (length of the split variable z). */
    public int numRegularisationRows() {
        return l.numRows;
    }

    /** Objective {@code ‖A·x − b‖² + μ1‖x‖² + μ2‖L·x‖₁} at {@code x}. */
    public double objective(double[] x) {
        if (x.length != a.numCols) {
            throw new IllegalArgumentException("x has length " + x.length + ", expected " + a.numCols);
        }
        double[] ax = new double[a.numRows];
        SparseOps.mult(a, x, ax);
        double[] lx = new double[l.numRows];
        SparseOps.mult(l, x, lx);
        return objective(ax, b, x, lx, mu1, mu2);
    }

    /** {@code ‖Ax − b‖² + μ1‖x‖² + μ2‖Lx‖₁} from the products A·x and L·x already at hand. */
    static double objective(double[] ax, double[] b, double[] x, double[] lx, double mu1, double mu2) {
        double data = 0;
        for (int i = 0; i < b.length; i++) {
            double r = ax[i] - b[i];
            data += r * r;
        }
        double ridge = 0;
        for (double v : x) {
            ridge += v * v;
        }
        double l1 = 0;
        for (double v : lx) {
            l1 += Math.abs(v);
        }
        return data + mu1 * ridge + mu2 * l1;
    }

    private static void requireFinite(String name, double[] v, int len) {
        for (int i = 0; i < len; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + " has a non-finite entry (" + v[i]
                        + ") at storage index " + i);
            }
        }
    }
}
