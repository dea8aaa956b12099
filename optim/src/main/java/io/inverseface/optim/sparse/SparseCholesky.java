package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.IGrowArray;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.ejml.sparse.csc.decomposition.chol.CholeskyUpLooking_DSCC;
import org.ejml.sparse.csc.misc.TriangularSolver_DSCC;

/**
 * Reusable sparse Cholesky factorisation {@code P·M·Pᵀ = L·Lᵀ} of a symmetric positive-definite
 * matrix with a fill-reducing permutation {@code P}.
 *
 * <p>Three phases, each reusable: the ordering and the symbolic analysis (elimination tree,
 * column counts) depend only on the sparsity pattern and are done once in
 * {@link #factor(DMatrixSparseCSC, FillReducingOrdering)}; {@link #refactor(DMatrixSparseCSC)}
 * redoes only the numeric factorisation for new values on the same pattern; {@link #solve} does
 * the two triangular solves without allocating. The numeric kernel is EJML's up-looking Cholesky,
 * which reads the upper triangle of the (permuted) matrix, so {@code M} may be stored full or
 * upper-triangular.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class SparseCholesky {

    private final int n;
    private final FillReducingOrdering ordering;
    /** perm[k] = original index of unknown k of the permuted system. */
    private final int[] perm;
    /** pinv[i] = position of original unknown i in the permuted system. */
    private final int[] pinv;
    private final int[] patternColIdx;
    private final int[] patternRows;
    private final DMatrixSparseCSC permuted;
    private final IGrowArray work = new IGrowArray();
    private final CholeskyUpLooking_DSCC decomposition = new CholeskyUpLooking_DSCC();
    private final double[] scratch;

    private SparseCholesky(DMatrixSparseCSC matrix, FillReducingOrdering ordering) {
        if (matrix.numRows != matrix.numCols) {
            throw new IllegalArgumentException("Cholesky needs a square matrix, got "
                    + matrix.numRows + "x" + matrix.numCols);
        }
        this.n = matrix.numCols;
        this.ordering = ordering;
        this.perm = switch (ordering) {
            case NATURAL -> identity(n);
            case NESTED_DISSECTION -> new NestedDissection().order(matrix);
        };
        this.pinv = CommonOps_DSCC.permutationInverse(perm, n);
        this.patternColIdx = java.util.Arrays.copyOf(matrix.col_idx, n + 1);
        this.patternRows = java.util.Arrays.copyOf(matrix.nz_rows, matrix.nz_length);
        this.permuted = new DMatrixSparseCSC(n, n, matrix.nz_length);
        this.scratch = new double[n];
    }

    /**
     * Orders, analyses and factorises {@code matrix}.
     *
     * @throws NotPositiveDefiniteException if the matrix is not (numerically) positive definite
     */
    public static SparseCholesky factor(DMatrixSparseCSC matrix, FillReducingOrdering ordering) {
        SparseCholesky chol = new SparseCholesky(matrix, ordering);
        chol.numeric(matrix);
        chol.decomposition.setStructureLocked(true);
        return chol;
    }

    /** True when {@code matrix} has exactly the sparsity pattern this factorisation was built for. */
    public boolean hasSamePattern(DMatrixSparseCSC matrix) {
        if (matrix.numCols != n || matrix.numRows != n || matrix.nz_length != patternRows.length) {
            return false;
        }
        for (int j = 0; j <= n; j++) {
            if (matrix.col_idx[j] != patternColIdx[j]) {
                return false;
            }
        }
        for (int k = 0; k < patternRows.length; k++) {
            if (matrix.nz_rows[k] != patternRows[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Numeric refactorisation for new values on the same pattern (ordering and symbolic analysis
     * reused).
     *
     * @throws IllegalArgumentException if the pattern differs (build a new instance instead)
     * @throws NotPositiveDefiniteException if the matrix is not positive definite
     */
    public void refactor(DMatrixSparseCSC matrix) {
        if (!hasSamePattern(matrix)) {
            throw new IllegalArgumentException(
                    "sparsity pattern differs from the analysed one; call factor() again");
        }
        numeric(matrix);
    }

    private void numeric(DMatrixSparseCSC matrix) {
        CommonOps_DSCC.permuteSymmetric(matrix, pinv, permuted, work);
        if (!decomposition.decompose(permuted)) {
            throw new NotPositiveDefiniteException(
                    "matrix (" + n + "x" + n + ") is not positive definite");
        }
        double[] d = decomposition.getL().nz_values;
        int nz = decomposition.getL().nz_length;
        for (int k = 0; k < nz; k++) {
            if (!Double.isFinite(d[k])) {
                throw new NotPositiveDefiniteException(
                        "matrix (" + n + "x" + n + ") is not positive definite (non-finite factor)");
            }
        }
    }

    /**
     * Solves {@code M·x = b}. {@code b} and {@code x} may be the same array; nothing is allocated.
     */
    public void solve(double[] b, double[] x) {
        if (b.length < n || x.length < n) {
            throw new IllegalArgumentException("vectors must have length " + n);
        }
        double[] w = scratch;
        for (int i = 0; i < n; i++) {
            w[pinv[i]] = b[i];
        }
        DMatrixSparseCSC l = decomposition.getL();
        TriangularSolver_DSCC.solveL(l, w);
        TriangularSolver_DSCC.solveTranL(l, w);
        for (int i = 0; i < n; i++) {
            x[i] = w[pinv[i]];
        }
    }

    /** Number of unknowns. */
    public int size() {
        return n;
    }

    /** Number of stored nonzeros of the factor {@code L} (the fill the ordering achieved). */
    public int factorNonZeros() {
        return decomposition.getL().nz_length;
    }

    /** The ordering used. */
    public FillReducingOrdering ordering() {
        return ordering;
    }

    /** Copy of the permutation: element k is the original index of the k-th eliminated unknown. */
    public int[] permutation() {
        return perm.clone();
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
