package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link L1SolverOptions.L1Method#IRLS_PCG}: iteratively reweighted least squares for
 * {@code min ‖A·x − b‖² + μ1‖x‖² + μ2‖L·x‖₁}, matrix-free.
 *
 * <p>With {@code t = L·x} and {@code w_i = 1/max(|t_i|, ε)}, {@code |s| ≤ s²·w_i/2 + |t_i|/2} majorises
 * the Huber-smoothed absolute value, so the quadratic surrogate
 * {@code ‖Ax − b‖² + μ1‖x‖² + ½μ2·Σ w_i (Lx)_i²} (normal equations
 * {@code (AᵀA + μ1·I + ½μ2·LᵀWL)·x = Aᵀb}) is minimised, approximately, instead. The weights are refreshed
 * at every step without restarting the Krylov recursion: Jacobi-preconditioned nonlinear CG
 * (Polak–Ribière+, restarted when ε changes or the direction is not a descent direction) whose step
 * length minimises the current surrogate exactly along the direction — a majorise-minimise step, so the
 * smoothed objective never increases. A·x, AᵀA·x and L·x are updated incrementally: one step costs one
 * product with each of A, Aᵀ, L and two with Lᵀ, on the primitive CSC arrays; nothing is factorised.
 *
 * <p>ε starts at the rms of {@code L·x} (cold: of a Jacobi estimate of x; warm: ten times the floor) and
 * drops tenfold every {@code pcgIterations} steps to {@code irlsEpsilon·rms(L·x)}; at the end of each such
 * block, once ε is at its floor, the solve stops if the objective changed by at most {@code irlsTolerance}
 * (relative) over the block, else after {@code irlsMaxReweightings} blocks.
 */
final class IrlsPcg {
    private static final Logger LOG = LoggerFactory.getLogger(IrlsPcg.class);
    /** ε shrinks by this factor per block of steps until it reaches its floor. */
    private static final double EPS_DECAY = 0.1;

    private IrlsPcg() {
    }

    static L1Solution solve(L1Problem problem, L1Solution warmStart, L1SolverOptions o) {
        long t0 = System.nanoTime();
        IrlsStart start = IrlsStart.of(problem, warmStart, o);
        long setupNanos = System.nanoTime() - t0;
        return nonlinear(problem, o, start.x(), start.t(), start.eps(), start.rho(), start.atb(), start.diagA(),
                start.lRows(), t0, setupNanos, System.nanoTime());
    }

    /**
     * Reweighting at every step, without restarting the Krylov recursion: preconditioned nonlinear CG
     * (Polak–Ribière+) whose step length minimises the current quadratic surrogate exactly along the
     * search direction (an MM step, so the smoothed objective never increases). A·x, AᵀA·x and L·x are
     * updated incrementally, so one step costs one product with A, Aᵀ, L, Lᵀ plus one extra Lᵀ.
     */
    private static L1Solution nonlinear(L1Problem problem, L1SolverOptions o, double[] x, double[] t, double eps0,
                                        double rho, double[] atb, double[] diagA, DMatrixSparseCSC lRows, long t0,
                                        long setupNanos, long iterStart) {
        DMatrixSparseCSC a = problem.a();
        DMatrixSparseCSC l = problem.l();
        double[] b = problem.b();
        int n = problem.numUnknowns();
        int m = a.numRows;
        int p = problem.numRegularisationRows();
        double mu1 = problem.mu1();
        double mu2 = problem.mu2();
        double hw = 0.5 * mu2;
        double[] ax = new double[m];
        double[] ad = new double[m];
        double[] ga = new double[n];
        double[] gd = new double[n];
        double[] ld = new double[p];
        double[] wt = new double[p];
        double[] w = new double[p];
        double[] r = new double[n];
        double[] rPrev = new double[n];
        double[] z = new double[n];
        double[] d = new double[n];
        double[] diag = new double[n];
        SparseOps.mult(a, x, ax);
        SparseOps.multTranspose(a, ax, ga);
        int[] lc = l.col_idx, lr = l.nz_rows;
        double[] lv = l.nz_values;
        double eps = eps0;
        double fPrev = L1Problem.objective(ax, b, x, t, mu1, mu2);
        double f = fPrev;
        int block = o.pcgIterations();
        int maxIter = o.irlsMaxReweightings() * block;
        int iter = 0;
        boolean converged = false;
        double rzPrev = 0;
        double rNorm = Double.NaN;
        boolean restart = true;
        while (iter < maxIter) {
            for (int i = 0; i < p; i++) {
                double ai = Math.abs(t[i]);
                double wi = hw / (ai > eps ? ai : eps);
                w[i] = wi;
                wt[i] = wi * t[i];
            }
            double rz = 0;
            double rd = 0;
            double prNum = 0;
            double r2 = 0;
            for (int j = 0; j < n; j++) {
                double s = 0;
                double dg = 0;
                for (int k = lc[j]; k < lc[j + 1]; k++) {
                    double v = lv[k];
                    int i = lr[k];
                    s += v * wt[i];
                    dg += v * v * w[i];
                }
                double rj = atb[j] - ga[j] - mu1 * x[j] - s;
                double dj = diagA[j] + dg;
                diag[j] = dj;
                double zj = rj / dj;
                r[j] = rj;
                z[j] = zj;
                rz += rj * zj;
                prNum += zj * (rj - rPrev[j]);
                r2 += rj * rj;
            }
            rNorm = Math.sqrt(r2);
            if (!(rz > 0)) {
                converged = true;
                break;
            }
            double beta = restart ? 0 : Math.max(0, prNum / rzPrev);
            for (int j = 0; j < n; j++) {
                double dj = z[j] + beta * d[j];
                d[j] = dj;
                rd += r[j] * dj;
            }
            if (!(rd > 0)) {
                for (int j = 0; j < n; j++) {
                    d[j] = z[j];
                }
                rd = rz;
            }
            System.arraycopy(r, 0, rPrev, 0, n);
            rzPrev = rz;
            restart = false;
            // dᵀHd with H = AᵀA + μ1·I + LᵀWL (W holds hw/max(|t|, ε)).
            SparseOps.mult(a, d, ad);
            SparseOps.multTranspose(lRows, d, ld);
            double dhd = 0;
            for (int i = 0; i < m; i++) {
                dhd += ad[i] * ad[i];
            }
            double dd = 0;
            for (int j = 0; j < n; j++) {
                dd += d[j] * d[j];
            }
            dhd += mu1 * dd;
            for (int i = 0; i < p; i++) {
                dhd += w[i] * ld[i] * ld[i];
            }
            if (!(dhd > 0)) {
                converged = true;
                break;
            }
            double alpha = rd / dhd;
            SparseOps.multTranspose(a, ad, gd);
            for (int j = 0; j < n; j++) {
                x[j] += alpha * d[j];
                ga[j] += alpha * gd[j];
            }
            for (int i = 0; i < m; i++) {
                ax[i] += alpha * ad[i];
            }
            for (int i = 0; i < p; i++) {
                t[i] += alpha * ld[i];
            }
            iter++;
            if (iter % block == 0) {
                f = L1Problem.objective(ax, b, x, t, mu1, mu2);
                double floor = o.irlsEpsilon() * IrlsStart.rms(t);
                if (eps <= floor && Math.abs(fPrev - f) <= o.irlsTolerance() * Math.abs(f)) {
                    converged = true;
                    break;
                }
                if (eps > floor) {
                    eps = Math.max(eps * EPS_DECAY, floor);
                    restart = true;
                }
                fPrev = f;
            }
        }
        // Exact objective at the final x (the incremental A·x and L·x drift only at round-off level).
        SparseOps.multTranspose(lRows, x, t);
        f = problem.objective(x);
        long iterNanos = System.nanoTime() - iterStart;
        double[] u = IrlsStart.dual(t, eps, mu2, rho);
        if (LOG.isDebugEnabled()) {
            LOG.debug("L1 IRLS-NCG n={} p={}: {} iterations, converged={}, eps={}, obj={}, {} ms",
                    n, p, iter, converged, eps, f, (System.nanoTime() - t0) / 1e6);
        }
        return new L1Solution(x, t.clone(), u, rho, iter, converged, 0.0, rNorm, f, 0, setupNanos, iterNanos);
    }
}
