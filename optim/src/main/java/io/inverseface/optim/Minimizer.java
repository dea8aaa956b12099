package io.inverseface.optim;

/**
 * How a solve steps from its start to a stop (Ceres' {@code Minimizer}): {@link TrustRegionMinimizer}
 * (Levenberg-Marquardt) or {@link LineSearchMinimizer} (Gauss-Newton with Armijo backtracking). Both work
 * through the {@link SolverRun}, which evaluates, forms and solves the linear model and writes the summary;
 * neither knows where the evaluation runs.
 */
interface Minimizer {

    /** The minimizer of a {@link Method}. */
    static Minimizer of(Method method) {
        return method == Method.LEVENBERG_MARQUARDT ? new TrustRegionMinimizer() : new LineSearchMinimizer();
    }

    /** What iteration 0 records as trust radius or step length. */
    double initialRadius(SolverOptions options);

    /**
     * Minimises from x (projected onto the bounds and in the blocks), where the run has evaluated and linearised
     * ({@link SolverRun#cost()}, {@link SolverRun#gradientNorm()}), and leaves the solution in the blocks.
     * Backend failures may throw; the run reports them.
     */
    SolverSummary minimize(SolverRun run, double[] x);
}
