/**
 * Nonlinear least squares in the style of Ceres, without faces.
 *
 * <p>A {@link io.inverseface.optim.Term} writes residuals and analytic Jacobian blocks for the
 * {@code double[]} parameter blocks it reads; a {@link io.inverseface.optim.Problem} collects terms
 * (each with an optional weight and robust {@link io.inverseface.optim.Loss}), constant blocks and
 * bounds. {@link io.inverseface.optim.Solver#solve} minimises {@code ½ Σ weight·ρ(‖r‖²)} by
 * Gauss-Newton (Armijo line search) or Levenberg-Marquardt (trust region) as set in
 * {@link io.inverseface.optim.SolverOptions}, writes the solution into the blocks and returns a
 * {@link io.inverseface.optim.SolverSummary}. The linear step uses a dense Cholesky or a matrix-free
 * preconditioned conjugate gradient through a {@link io.inverseface.optim.backend.LinearAlgebraBackend}.
 * {@link io.inverseface.optim.DerivativeChecker} checks any term's Jacobian against finite differences.
 *
 * <p>Inside, the solver is cut along Ceres' seams: an {@code Evaluator} evaluates the problem and forms the
 * linear model, on the host or resident on a device backend (where terms from
 * {@link io.inverseface.optim.device} write their rows with their own kernels), and a {@code Minimizer}
 * steps: a trust region (Levenberg-Marquardt) or a line search (Gauss-Newton with Armijo backtracking).
 */
package io.inverseface.optim;
