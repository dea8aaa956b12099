package io.inverseface.optim;

/**
 * Minimises {@code cost = ½ Σ weight·ρ(‖r‖²)} of a {@link Problem} by Gauss-Newton with Armijo
 * backtracking or by Levenberg-Marquardt with a Ceres-style trust region. The solution is written
 * back into the parameter blocks; on {@link TerminationType#FAILURE} the last parameters at which
 * everything evaluated finitely are restored. Never throws for numerical trouble: it reports it in
 * the {@link SolverSummary}.
 *
 * <p>Cut along Ceres' seams: a {@link SolverRun} lays the problem out and picks an {@link Evaluator} (on the
 * host, or resident on a device backend), and a {@link Minimizer} steps: {@link TrustRegionMinimizer} for
 * {@link Method#LEVENBERG_MARQUARDT}, {@link LineSearchMinimizer} for {@link Method#GAUSS_NEWTON}.
 *
 * <pre>{@code
 * double[] x = {-1.2, 1};
 * Problem problem = Problem.builder().addTerm(new Rosenbrock(), x).build();
 * SolverSummary s = Solver.solve(problem, SolverOptions.builder().method(Method.LEVENBERG_MARQUARDT).build());
 * }</pre>
 */
public final class Solver {

    private Solver() {
    }

    /** Solves with {@link SolverOptions#defaults()}. */
    public static SolverSummary solve(Problem problem) {
        return solve(problem, SolverOptions.defaults());
    }

    public static SolverSummary solve(Problem problem, SolverOptions options) {
        return new SolverRun(problem, options).run(Minimizer.of(options.method()));
    }
}
