package io.inverseface.optim.sparse;

/**
 * Result of {@link L1Solver#solve}. Also serves as a warm start for the next solve (x, z, u, ρ).
 *
 * @param x                 minimiser estimate, length n
 * @param z                 split variable z ≈ L·x, length p
 * @param u                 scaled dual variable (multiplier / ρ), length p
 * @param rho               final penalty ρ (u is scaled by it)
 * @param iterations        ADMM iterations performed
 * @param converged         whether both residuals met their tolerances
 * @param primalResidual    final ‖L·x − z‖
 * @param dualResidual      final ‖ρ·Lᵀ(z − z_prev)‖
 * @param objective         ‖A·x − b‖² + μ1‖x‖² + μ2‖L·x‖₁ at x
 * @param factorizations    number of numeric Cholesky factorisations done in this solve
 * @param factorizationNanos time spent forming and factorising the system matrix
 * @param iterationNanos    time spent in the ADMM iterations (excluding refactorisations)
 */
public record L1Solution(double[] x, double[] z, double[] u, double rho, int iterations, boolean converged,
                         double primalResidual, double dualResidual, double objective,
                         int factorizations, long factorizationNanos, long iterationNanos) {
}
