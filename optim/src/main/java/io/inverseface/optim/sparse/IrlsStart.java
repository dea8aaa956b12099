package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.sparse.csc.CommonOps_DSCC;

/**
 * What {@link IrlsPcg} and {@link DeviceIrlsPcg} compute before their first step, in double: the starting
 * x (zero, or the warm start's), ρ carried for the ADMM-compatible result, L in CSR, {@code Aᵀb},
 * {@code diag(AᵀA) + μ1}, {@code t = L·x} and the starting ε (cold: the rms of L times a Jacobi estimate
 * of x; warm: one decay step above the floor), plus the rms and dual helpers both use.
 */
record IrlsStart(double[] x, double rho, DMatrixSparseCSC lRows, double[] atb, double[] diagA, double[] t,
                 double eps) {

    static IrlsStart of(L1Problem problem, L1Solution warmStart, L1SolverOptions o) {
        DMatrixSparseCSC a = problem.a();
        DMatrixSparseCSC l = problem.l();
        double[] b = problem.b();
        int n = problem.numUnknowns();
        int p = problem.numRegularisationRows();
        double[] x = new double[n];
        double rho = o.rho();
        boolean cold = true;
        if (warmStart != null) {
            if (warmStart.x().length != n || warmStart.z().length != p || warmStart.u().length != p) {
                throw new IllegalArgumentException("warm start has sizes x=" + warmStart.x().length
                        + ", z=" + warmStart.z().length + " but the problem needs x=" + n + ", z=" + p);
            }
            System.arraycopy(warmStart.x(), 0, x, 0, n);
            rho = warmStart.rho();
            for (double v : x) {
                if (v != 0) {
                    cold = false;
                    break;
                }
            }
        }
        // L in CSR (= Lᵀ in CSC) so that L·x is a gather (dot product per row).
        DMatrixSparseCSC lRows = CommonOps_DSCC.transpose(l, null, null);
        double[] atb = new double[n];
        SparseOps.multTranspose(a, b, atb);
        double[] diagA = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                s += a.nz_values[k] * a.nz_values[k];
            }
            diagA[j] = s + problem.mu1();
        }
        double[] t = new double[p];
        double eps;
        if (cold) {
            // Scale of L·x from a Jacobi estimate x ≈ D⁻¹Aᵀb (x = 0 itself says nothing).
            double[] z = new double[n];
            for (int j = 0; j < n; j++) {
                z[j] = diagA[j] > 0 ? atb[j] / diagA[j] : 0;
            }
            SparseOps.multTranspose(lRows, z, t);
            eps = rms(t);
            SparseOps.multTranspose(lRows, x, t);
        } else {
            // A warm x already has the L1 structure: start one decay step above the floor.
            SparseOps.multTranspose(lRows, x, t);
            eps = Math.min(1, 10 * o.irlsEpsilon()) * rms(t);
        }
        if (!(eps > 0)) {
            eps = 1;
        }
        return new IrlsStart(x, rho, lRows, atb, diagA, t, eps);
    }

    static double rms(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s / v.length);
    }

    /** The ADMM-compatible scaled dual u of the smoothed problem: (μ2/2ρ)·clamp(t/ε, −1, 1). */
    static double[] dual(double[] t, double eps, double mu2, double rho) {
        double[] u = new double[t.length];
        double kappa = mu2 / (2 * rho);
        for (int i = 0; i < t.length; i++) {
            u[i] = kappa * Math.max(-1, Math.min(1, t[i] / eps));
        }
        return u;
    }
}
