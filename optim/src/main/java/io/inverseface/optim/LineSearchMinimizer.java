package io.inverseface.optim;

/**
 * Gauss-Newton with a backtracking line search: the step solves {@code JᵀJ·δ = −g}, and its length α halves
 * (at most {@value #MAX_BACKTRACKS} times) until the Armijo condition
 * {@code f(x(α)) ≤ f(x) + c1·gᵀ(x(α) − x)} holds, x(α) the projection of x + αδ onto the bounds.
 */
final class LineSearchMinimizer implements Minimizer {

    /** Armijo sufficient-decrease constant. */
    private static final double ARMIJO_C1 = 1e-4;
    /** Maximum number of halvings of the step. */
    private static final int MAX_BACKTRACKS = 30;

    @Override
    public double initialRadius(SolverOptions options) {
        return 1;
    }

    @Override
    public SolverSummary minimize(SolverRun run, double[] x) {
        SolverOptions o = run.options;
        double cost = run.cost();
        double gNorm = run.gradientNorm();
        int n = run.n;
        double[] delta = run.delta;
        double[] xNew = new double[n];
        for (int iter = 1; ; iter++) {
            SolverSummary outOfBudget = run.outOfBudget(iter - 1, cost);
            if (outOfBudget != null) {
                return outOfBudget;
            }
            if (!run.step(x, 0)) {
                return run.stop(iter, cost, 0, gNorm, 0, TerminationType.NO_CONVERGENCE,
                        "linear solver failed on the Gauss-Newton system");
            }
            double[] g = run.gradient;
            double xNorm = Math.sqrt(LinearStep.dot(x, x));
            double alpha = 1;
            boolean accepted = false;
            double stepNorm = 0;
            double trial = cost;
            for (int k = 0; k < MAX_BACKTRACKS; k++, alpha *= 0.5) {
                double slope = 0;
                stepNorm = 0;
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + alpha * delta[i];
                }
                run.project(xNew);
                for (int i = 0; i < n; i++) {
                    double s = xNew[i] - x[i];
                    slope += g[i] * s;
                    stepNorm += s * s;
                }
                stepNorm = Math.sqrt(stepNorm);
                if (stepNorm <= o.parameterTolerance() * (xNorm + o.parameterTolerance())) {
                    return run.stop(iter, cost, stepNorm, gNorm, alpha, TerminationType.CONVERGENCE,
                            String.format("parameter tolerance reached: |step| = %.3e", stepNorm));
                }
                run.scatter(xNew);
                trial = run.evaluate(false);
                if (Double.isNaN(trial)) {
                    run.scatter(x);
                    return run.stop(iter, cost, stepNorm, gNorm, alpha, TerminationType.FAILURE, run.failure());
                }
                // Armijo: f(x + αδ) ≤ f(x) + c1·gᵀ(x(α) − x).
                if (trial <= cost + ARMIJO_C1 * Math.min(slope, 0)) {
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                run.scatter(x);
                return run.stop(iter, cost, stepNorm, gNorm, alpha, TerminationType.NO_CONVERGENCE,
                        "line search could not decrease the cost");
            }
            SolverSummary done = run.accept(iter, xNew, x, cost, trial, stepNorm, gNorm, alpha);
            if (done != null) {
                return done;
            }
            cost = run.cost();
            gNorm = run.gradientNorm();
        }
    }
}
