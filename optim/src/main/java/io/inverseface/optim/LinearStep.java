package io.inverseface.optim;

import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.LinearAlgebraBackend;

/**
 * Solvers for the damped normal equations {@code (JᵀJ + μ·D)·δ = −g}, g = Jᵀr, D diagonal
 * (μ = 0 for Gauss-Newton; μ = 1/radius and D = clamped diag(JᵀJ) for Levenberg-Marquardt).
 * Used by {@link Solver}; public so that benchmarks and other stages can call one linear step.
 */
public final class LinearStep {

    /**
     * Above this many free parameters AUTO uses PCG. Rule of thumb from the costs per outer iteration:
     * dense = m·n² (JᵀJ) + n³/3 (Cholesky), PCG = k·4·m·n for k inner iterations, so PCG only wins
     * when k &lt; n/4; LM systems of face models typically need k in the tens to hundreds, hence the
     * crossover sits in the high hundreds of parameters (see PcgCrossoverBenchmark for the measurement).
     */
    static final int AUTO_CG_THRESHOLD = 1000;

    private LinearStep() {
    }

    /** The solver AUTO picks for an m×n Jacobian. */
    public static LinearSolverType choose(int rows, int cols) {
        return cols > AUTO_CG_THRESHOLD ? LinearSolverType.CONJUGATE_GRADIENT : LinearSolverType.DENSE_CHOLESKY;
    }

    /**
     * As {@link #choose(int, int)}, knowing whether JᵀJ formed block by block pays: a large
     * problem whose blocks each see few columns (arrow-shaped, several photos sharing a face) keeps the
     * normal equations, formed blockwise and factorised sparsely, where PCG would need hundreds of dense
     * J·v products per step.
     */
    static LinearSolverType choose(int rows, int cols, boolean blockwiseNormalsPay) {
        if (cols > AUTO_CG_THRESHOLD && blockwiseNormalsPay) {
            return LinearSolverType.DENSE_CHOLESKY;
        }
        return choose(rows, cols);
    }

    /**
     * Dense solve with the backend's Cholesky; when the matrix is not numerically positive definite,
     * adds λ·I with λ growing ×100 from 1e-12·max(1, max diag) (at most 12 tries).
     *
     * @param jtj  JᵀJ, n×n row-major (not modified)
     * @param g    gradient Jᵀr
     * @param d    damping diagonal D
     * @param held variables kept at zero step (active bounds), or null
     * @param a    scratch n×n, overwritten
     * @param delta output step
     * @return false when even the damped system failed
     */
    public static boolean solveDense(LinearAlgebraBackend backend, double[] jtj, int n, double[] g, double[] d, double mu,
                              boolean[] held, double[] a, double[] delta) {
        double[] b = new double[n];
        double maxDiag = 1;
        for (int i = 0; i < n; i++) {
            b[i] = -g[i];
            maxDiag = Math.max(maxDiag, Math.abs(jtj[i * n + i]));
        }
        double lambda = 0;
        boolean sparse = n >= SPARSE_MIN_SIZE && density(jtj, n) < SPARSE_MAX_DENSITY;
        for (int attempt = 0; attempt < 12; attempt++) {
            System.arraycopy(jtj, 0, a, 0, n * n);
            for (int i = 0; i < n; i++) {
                a[i * n + i] += mu * d[i] + lambda;
            }
            if (held != null) {
                holdFixed(a, n, held, b);
            }
            if (sparse ? solveSparse(a, n, b, delta) : backend.solveSymmetricPositiveDefinite(a, n, b, delta)) {
                return true;
            }
            lambda = lambda == 0 ? 1e-12 * maxDiag : lambda * 100;
        }
        return false;
    }

    /**
     * From this size on, a normal matrix that is mostly zeros is factorised sparsely. Such matrices come
     * from problems whose parameter blocks are coupled only through a few shared ones (a joint fit of
     * several photos: each photo's pose, expression and light meet only the shared identity and albedo);
     * nested dissection then puts the shared blocks last and the factorisation is the Schur complement on
     * them, linear in the number of photos instead of cubic.
     */
    static final int SPARSE_MIN_SIZE = 400;
    static final double SPARSE_MAX_DENSITY = 0.3;

    /** Fraction of non-zero entries of the n×n matrix. */
    static double density(double[] m, int n) {
        long nz = 0;
        for (int i = 0; i < n * n; i++) {
            nz += m[i] != 0 ? 1 : 0;
        }
        return (double) nz / ((double) n * n);
    }

    /** Solves a·x = b with the supernodal sparse Cholesky (nested dissection); false when a is not SPD. */
    private static boolean solveSparse(double[] a, int n, double[] b, double[] x) {
        org.ejml.data.DMatrixSparseTriplet t = new org.ejml.data.DMatrixSparseTriplet(n, n, n * 8);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = a[i * n + j];
                if (v != 0) {
                    t.addItem(i, j, v); // the upper triangle is all the factorisation reads
                }
            }
        }
        org.ejml.data.DMatrixSparseCSC csc = org.ejml.ops.DConvertMatrixStruct.convert(t,
                (org.ejml.data.DMatrixSparseCSC) null);
        try {
            io.inverseface.optim.sparse.SparseCholesky.factor(csc,
                    io.inverseface.optim.sparse.FillReducingOrdering.NESTED_DISSECTION).solve(b, x);
        } catch (io.inverseface.optim.sparse.NotPositiveDefiniteException e) {
            return false;
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Removes held variables from the system: zero row and column, unit diagonal, zero right-hand side. */
    private static void holdFixed(double[] a, int n, boolean[] held, double[] b) {
        for (int i = 0; i < n; i++) {
            if (!held[i]) {
                continue;
            }
            for (int k = 0; k < n; k++) {
                a[i * n + k] = 0;
                a[k * n + i] = 0;
            }
            a[i * n + i] = 1;
            b[i] = 0;
        }
    }

    /**
     * Matrix-free Jacobi-preconditioned conjugate gradient on {@code A = JᵀJ + μ·D}: A·v is computed as
     * {@code Jᵀ(J·v) + μ·D·v}; the preconditioner is {@code diag(JᵀJ) + μ·D} from column norms.
     *
     * @param columnSquares diag(JᵀJ) = squared column norms of J
     * @param held          variables kept at zero step (active bounds), or null
     * @return number of iterations, or −1 when the iteration broke down (non-finite or A not SPD)
     */
    public static int solveConjugateGradient(LinearAlgebraBackend backend, DenseJacobian jacobian, double[] g,
                                      double[] columnSquares, double[] d, double mu, boolean[] held,
                                      double relativeTolerance,
                                      int maxIterations, double[] delta) {
        int n = g.length;
        int m = jacobian.rows();
        double[] res = new double[n];
        double[] z = new double[n];
        double[] p = new double[n];
        double[] ap = new double[n];
        double[] jp = new double[m];
        double[] invPre = new double[n];
        double bNorm2 = 0;
        for (int i = 0; i < n; i++) {
            double pre = columnSquares[i] + mu * d[i];
            invPre[i] = pre > 0 ? 1.0 / pre : 1.0;
            delta[i] = 0;
            res[i] = held != null && held[i] ? 0 : -g[i];
            bNorm2 += res[i] * res[i];
            z[i] = invPre[i] * res[i];
            p[i] = z[i];
        }
        if (bNorm2 == 0) {
            return 0;
        }
        double tol2 = relativeTolerance * relativeTolerance * bNorm2;
        double rz = dot(res, z);
        int cap = maxIterations > 0 ? maxIterations : 2 * n;
        for (int it = 1; it <= cap; it++) {
            backend.multiply(jacobian, p, jp);
            backend.multiplyTransposed(jacobian, jp, ap);
            for (int i = 0; i < n; i++) {
                ap[i] = held != null && held[i] ? 0 : ap[i] + mu * d[i] * p[i];
            }
            double pap = dot(p, ap);
            if (!(pap > 0) || !Double.isFinite(pap)) {
                return it == 1 ? -1 : it;
            }
            double alpha = rz / pap;
            double rr = 0;
            for (int i = 0; i < n; i++) {
                delta[i] += alpha * p[i];
                res[i] -= alpha * ap[i];
                rr += res[i] * res[i];
            }
            if (!Double.isFinite(rr)) {
                return -1;
            }
            if (rr <= tol2) {
                return it;
            }
            for (int i = 0; i < n; i++) {
                z[i] = invPre[i] * res[i];
            }
            double rzNew = dot(res, z);
            double beta = rzNew / rz;
            rz = rzNew;
            for (int i = 0; i < n; i++) {
                p[i] = z[i] + beta * p[i];
            }
        }
        return cap;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
