package io.inverseface.optim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauss-Newton with a backtracking line search: the step solves {@code JᵀJ·δ = −g}, and its length α halves
 * (at most {@value #MAX_BACKTRACKS} times) until the Armijo condition
 * {@code f(x(α)) ≤ f(x) + c1·gᵀ(x(α) − x)} holds, x(α) the projection of x + αδ onto the bounds.
 */
final class LineSearchMinimizer implements Minimizer {

    private static final Logger LOG = LoggerFactory.getLogger(LineSearchMinimizer.class);

    /** Armijo sufficient-decrease constant. */
    private static final double ARMIJO_C1 = 1e-4;
    /** Maximum number of halvings of the step. */
    private static final int MAX_BACKTRACKS = 30;

    @Override
    public SolverSummary minimize(SolverRun run, double[] x, double cost) {
        SolverOptions o = run.options;
        int n = run.n;
        double[] d = new double[n];
        double[] delta = new double[n];
        double[] xNew = new double[n];
        double gNorm = run.linearizeAtStart(x, cost, 1);
        SolverSummary atStart = run.convergedAtStart(cost, gNorm);
        if (atStart != null) {
            return atStart;
        }
        for (int iter = 1; ; iter++) {
            String budget = run.budgetExceeded(iter - 1);
            if (budget != null) {
                return run.summary(cost, TerminationType.NO_CONVERGENCE, budget);
            }
            if (!run.step(x, d, 0, delta)) {
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
            double evaluated = run.evaluate(true);
            if (Double.isNaN(evaluated)) {
                return run.restoreAndFail(x, iter, cost, stepNorm, gNorm, alpha);
            }
            double oldCost = cost;
            cost = evaluated;
            gNorm = run.moveTo(xNew, x);
            run.record(iter, cost, stepNorm, gNorm, alpha, true);
            LOG.debug("GN iter {} cost {} |step| {} |g| {} alpha {}", iter, cost, stepNorm, gNorm, alpha);
            SolverSummary converged = run.toleranceReached(cost, oldCost, trial, gNorm);
            if (converged != null) {
                return converged;
            }
        }
    }
}
