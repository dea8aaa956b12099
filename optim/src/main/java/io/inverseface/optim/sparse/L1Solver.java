package io.inverseface.optim.sparse;

import io.inverseface.compute.ComputeDevice;
import org.ejml.data.DGrowArray;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.IGrowArray;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ADMM solver for {@code min_x ‖A·x − b‖² + μ1‖x‖² + μ2‖L·x‖₁} ({@link L1Problem}).
 *
 * <p>Splitting {@code z = L·x} and scaling the objective by ½, the scaled-form ADMM iteration
 * (Boyd et al. 2011, §3.1.1 and §6.4) is
 * <pre>
 *   x ← (AᵀA + μ1·I + ρ·LᵀL)⁻¹ (Aᵀb + ρ·Lᵀ(z − u))
 *   ẑ ← α·L·x + (1 − α)·z                       (over-relaxation, α ∈ (0, 2))
 *   z ← S_κ(ẑ + u),  κ = μ2 / (2ρ)               (soft thresholding)
 *   u ← u + ẑ − z
 * </pre>
 * With {@link L1SolverOptions#accelerated()} (default) the x-update uses Nesterov-extrapolated
 * {@code (z, u)} and the momentum restarts whenever the combined residual
 * {@code ‖u − û‖² + ‖z − ẑ‖²} fails to decrease by 0.999 ("fast ADMM with restart", Goldstein,
 * O'Donoghue, Setzer &amp; Baraniuk, SIAM J. Imaging Sci. 2014, Alg. 8), and at every change of ρ;
 * the dual residual is then {@code ρLᵀ(z − ẑ)}, the optimality residual of that x-update.
 * stopped when {@code ‖r‖ = ‖Lx − z‖ ≤ √p·ε_abs + ε_rel·max(‖Lx‖, ‖z‖)} and
 * {@code ‖s‖ = ‖ρLᵀ(z − z_prev)‖ ≤ √n·ε_abs + ε_rel·‖ρLᵀu‖}. The system matrix is factorised
 * once per solve by a cached {@link SparseCholesky}; its ordering and symbolic analysis are kept
 * across solves while the sparsity pattern of the system does not change (the detail stage calls
 * this solver repeatedly with a slowly changing {@code A}), and residual balancing of ρ only
 * triggers a numeric refactorisation.
 *
 * <p>With {@code method(IRLS_PCG)} ({@link L1SolverOptions.L1Method}) the solve is delegated to a
 * matrix-free iteratively-reweighted-least-squares method (warm-started Jacobi PCG, no factorisation;
 * see {@code IrlsPcg}); its {@link L1Solution#iterations()} counts CG steps (one product with A, Aᵀ, L each).
 *
 * <p>Not thread-safe (it caches the factorisation); use one instance per thread.
 */
public final class L1Solver {
    private static final Logger LOG = LoggerFactory.getLogger(L1Solver.class);

    /** Restart when the combined residual fails to drop by this factor (Goldstein et al.: 0.999). */
    private static final double RESTART_ETA = 0.999;
    private final L1SolverOptions options;
    private final ComputeDevice device;
    private SparseCholesky cholesky;
    // Reused sparse work storage for forming the system matrix.
    private final IGrowArray gw = new IGrowArray();
    private final DGrowArray gx = new DGrowArray();
    private DMatrixSparseCSC system = new DMatrixSparseCSC(1, 1, 0);

    /** @param options solver settings */
    public L1Solver(L1SolverOptions options) {
        this(options, null);
    }

    /**
     * @param device where {@link L1SolverOptions.L1Method#IRLS_PCG} runs its iteration (float kernels of
     *               {@code irls_ncg.cl}), or null for the CPU; ADMM always runs on the CPU
     */
    public L1Solver(L1SolverOptions options, ComputeDevice device) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        this.device = device;
    }

    /** Solver with {@link L1SolverOptions#defaults()}. */
    public L1Solver() {
        this(L1SolverOptions.defaults());
    }

    /** The settings. */
    public L1SolverOptions options() {
        return options;
    }

    /** Cold start: x = z = u = 0. */
    public L1Solution solve(L1Problem problem) {
        return solve(problem, null);
    }

    /**
     * Solves {@code problem}, starting from {@code warmStart} (x, z, u and ρ of a previous solve of
     * a problem with the same dimensions) when it is not null.
     *
     * @throws IllegalArgumentException     if the warm start does not match the problem's sizes
     * @throws NotPositiveDefiniteException if {@code AᵀA + μ1·I + ρLᵀL} is singular (e.g. μ1 = 0 and
     *                                      the null spaces of A and L intersect)
     */
    public L1Solution solve(L1Problem problem, L1Solution warmStart) {
        if (options.method() == L1SolverOptions.L1Method.IRLS_PCG) {
            return device != null ? DeviceIrlsPcg.solve(problem, warmStart, options, device)
                    : IrlsPcg.solve(problem, warmStart, options);
        }
        DMatrixSparseCSC a = problem.a();
        DMatrixSparseCSC l = problem.l();
        int n = problem.numUnknowns();
        int p = problem.numRegularisationRows();
        double alpha = options.relaxation();

        double[] x = new double[n];
        double[] z = new double[p];
        double[] u = new double[p];
        double rho = options.rho();
        if (warmStart != null) {
            if (warmStart.x().length != n || warmStart.z().length != p || warmStart.u().length != p) {
                throw new IllegalArgumentException("warm start has sizes x=" + warmStart.x().length
                        + ", z=" + warmStart.z().length + " but the problem needs x=" + n + ", z=" + p);
            }
            System.arraycopy(warmStart.x(), 0, x, 0, n);
            System.arraycopy(warmStart.z(), 0, z, 0, p);
            if (options.adaptiveRho()) {
                rho = warmStart.rho();
            }
            // u is the multiplier divided by ρ: rescale when ρ differs from the warm start's.
            double scale = warmStart.rho() / rho;
            for (int i = 0; i < p; i++) {
                u[i] = warmStart.u()[i] * scale;
            }
        }

        long t0 = System.nanoTime();
        // K = AᵀA + μ1·I and LᵀL are fixed during the solve; M = K + ρ·LᵀL changes with ρ.
        DMatrixSparseCSC at = CommonOps_DSCC.transpose(a, null, gw);
        DMatrixSparseCSC k = CommonOps_DSCC.mult(at, a, null, gw, gx);
        DMatrixSparseCSC identity = CommonOps_DSCC.identity(n);
        k = CommonOps_DSCC.add(1.0, k, problem.mu1(), identity, null, gw, gx);
        DMatrixSparseCSC lt = CommonOps_DSCC.transpose(l, null, gw);
        DMatrixSparseCSC ltl = CommonOps_DSCC.mult(lt, l, null, gw, gx);
        int factorizations = 0;
        factorize(k, ltl, rho);
        factorizations++;
        long factorNanos = System.nanoTime() - t0;

        double[] atb = new double[n];
        SparseOps.multTranspose(a, problem.b(), atb);
        double[] rhs = new double[n];
        double[] tmpN = new double[n];
        double[] tmpP = new double[p];
        double[] lx = new double[p];
        double sqrtP = Math.sqrt(p);
        double sqrtN = Math.sqrt(n);

        // Fast ADMM with restart (Goldstein et al. 2014, Alg. 8): the x-update uses extrapolated
        // ẑ, û; without acceleration they alias z, u and this is the plain iteration.
        boolean accelerate = options.accelerated();
        double[] zHat = accelerate ? z.clone() : z;
        double[] uHat = accelerate ? u.clone() : u;
        double[] zPrev = accelerate ? new double[p] : null;
        double[] uPrev = accelerate ? new double[p] : null;
        double momentum = 1;
        double combinedPrev = Double.POSITIVE_INFINITY;

        long iterStart = System.nanoTime();
        long refactorNanos = 0;
        int iter = 0;
        boolean converged = false;
        double rNorm = Double.NaN;
        double sNorm = Double.NaN;
        while (iter < options.maxIterations()) {
            iter++;
            // x-update: M·x = Aᵀb + ρ·Lᵀ(ẑ − û)
            for (int i = 0; i < p; i++) {
                tmpP[i] = zHat[i] - uHat[i];
            }
            SparseOps.multTranspose(l, tmpP, tmpN);
            for (int i = 0; i < n; i++) {
                rhs[i] = atb[i] + rho * tmpN[i];
            }
            cholesky.solve(rhs, x);
            SparseOps.mult(l, x, lx);

            // z- and u-updates; tmpP ← z − ẑ for the dual residual s = ρLᵀ(z − ẑ).
            double kappa = problem.mu2() / (2 * rho);
            double r2 = 0, lx2 = 0, z2 = 0, combined = 0;
            for (int i = 0; i < p; i++) {
                double lxi = lx[i];
                double zh = zHat[i];
                double uh = uHat[i];
                if (accelerate) {
                    zPrev[i] = z[i];
                    uPrev[i] = u[i];
                }
                double v = alpha * lxi + (1 - alpha) * zh + uh;
                double zi = v > kappa ? v - kappa : (v < -kappa ? v + kappa : 0.0);
                double ui = v - zi;
                z[i] = zi;
                u[i] = ui;
                double ri = lxi - zi;
                r2 += ri * ri;
                lx2 += lxi * lxi;
                z2 += zi * zi;
                double dz = zi - zh;
                double du = ui - uh;
                tmpP[i] = dz;
                combined += dz * dz + du * du;
            }
            rNorm = Math.sqrt(r2);
            SparseOps.multTranspose(l, tmpP, tmpN);
            sNorm = rho * SparseOps.norm(tmpN, n);

            double epsPri = sqrtP * options.absTolerance()
                    + options.relTolerance() * Math.sqrt(Math.max(lx2, z2));
            if (rNorm <= epsPri) {
                // ‖ρLᵀu‖ is only needed once the primal test passes.
                SparseOps.multTranspose(l, u, tmpN);
                double epsDual = sqrtN * options.absTolerance()
                        + options.relTolerance() * rho * SparseOps.norm(tmpN, n);
                if (sNorm <= epsDual) {
                    converged = true;
                    break;
                }
            }

            boolean restart = false;
            if (options.adaptiveRho() && iter % options.adaptInterval() == 0) {
                // Residual balancing (Boyd §3.4.1): ρ ← τρ if ‖r‖ > μ‖s‖, ρ/τ if ‖s‖ > μ‖r‖; each
                // change costs one numeric refactorisation (symbolic analysis is reused).
                double factor = 1;
                if (rNorm > options.balanceRatio() * sNorm) {
                    factor = options.rhoScale();
                } else if (sNorm > options.balanceRatio() * rNorm) {
                    factor = 1 / options.rhoScale();
                }
                if (factor != 1) {
                    rho *= factor;
                    for (int i = 0; i < p; i++) {
                        u[i] /= factor;
                    }
                    restart = true; // momentum from the old scaling of u does not carry over
                    long tf = System.nanoTime();
                    factorize(k, ltl, rho);
                    factorizations++;
                    refactorNanos += System.nanoTime() - tf;
                }
            }
            if (accelerate) {
                // Combined residual c = ρ(‖u − û‖² + ‖z − ẑ‖²) (up to the constant ρ); Nesterov step
                // while it decreases by η, otherwise restart from the current iterate.
                if (!restart && combined < RESTART_ETA * combinedPrev) {
                    double next = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
                    double beta = (momentum - 1) / next;
                    momentum = next;
                    for (int i = 0; i < p; i++) {
                        zHat[i] = z[i] + beta * (z[i] - zPrev[i]);
                        uHat[i] = u[i] + beta * (u[i] - uPrev[i]);
                    }
                    combinedPrev = combined;
                } else {
                    momentum = 1;
                    System.arraycopy(z, 0, zHat, 0, p);
                    System.arraycopy(u, 0, uHat, 0, p);
                    combinedPrev = restart ? Double.POSITIVE_INFINITY : combined;
                }
            }
        }
        long iterNanos = System.nanoTime() - iterStart - refactorNanos;
        factorNanos += refactorNanos;
        double objective = problem.objective(x);
        if (LOG.isDebugEnabled()) {
            LOG.debug("L1 ADMM n={} p={}: {} iterations, converged={}, r={} s={} rho={} obj={}, "
                            + "{} factorisations {} ms, iterations {} ms, nnz(L)={}",
                    n, p, iter, converged, rNorm, sNorm, rho, objective, factorizations,
                    factorNanos / 1e6, iterNanos / 1e6, cholesky.factorNonZeros());
        }
        return new L1Solution(x, z, u, rho, iter, converged, rNorm, sNorm, objective,
                factorizations, factorNanos, iterNanos);
    }

    /** Forms M = K + ρ·LᵀL and (re)factorises it, reusing the symbolic analysis when possible. */
    private void factorize(DMatrixSparseCSC k, DMatrixSparseCSC ltl, double rho) {
        system = CommonOps_DSCC.add(1.0, k, rho, ltl, system, gw, gx);
        if (cholesky != null && cholesky.ordering() == options.ordering()
                && cholesky.hasSamePattern(system)) {
            cholesky.refactor(system);
        } else {
            cholesky = SparseCholesky.factor(system, options.ordering());
        }
    }

    /** The factorisation currently cached (null before the first solve); exposed for diagnostics. */
    public SparseCholesky cachedFactorization() {
        return cholesky;
    }
}
