package io.inverseface.optim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Levenberg-Marquardt with a Ceres-style trust region: the step solves {@code (JᵀJ + D/radius)·δ = −g} with
 * D the clamped diag(JᵀJ); a step is taken when the actual over the predicted decrease of the Gauss-Newton
 * model exceeds {@value #MIN_RELATIVE_DECREASE}, and the radius grows or shrinks with that ratio.
 */
final class TrustRegionMinimizer implements Minimizer {

    private static final Logger LOG = LoggerFactory.getLogger(TrustRegionMinimizer.class);

    /** A step is accepted when actual/predicted reduction exceeds this (Ceres' min_relative_decrease). */
    private static final double MIN_RELATIVE_DECREASE = 1e-3;
    /** Bounds of the clamped diag(JᵀJ) used as damping matrix D (Ceres' defaults). */
    private static final double MIN_DIAGONAL = 1e-6;
    private static final double MAX_DIAGONAL = 1e32;

    @Override
    public SolverSummary minimize(SolverRun run, double[] x, double cost) {
        SolverOptions o = run.options;
        int n = run.n;
        double[] d = new double[n];
        double[] delta = new double[n];
        double[] xNew = new double[n];
        double[] step = new double[n];
        double radius = o.initialTrustRadius();
        double decreaseFactor = 2;
        double gNorm = run.linearizeAtStart(x, cost, radius);
        SolverSummary atStart = run.convergedAtStart(cost, gNorm);
        if (atStart != null) {
            return atStart;
        }
        for (int iter = 1; ; iter++) {
            String budget = run.budgetExceeded(iter - 1);
            if (budget != null) {
                return run.summary(cost, TerminationType.NO_CONVERGENCE, budget);
            }
            double[] colSq = run.columnSquares;
            for (int i = 0; i < n; i++) {
                d[i] = Math.min(MAX_DIAGONAL, Math.max(MIN_DIAGONAL, colSq[i]));
            }
            boolean solved = run.step(x, d, 1.0 / radius, delta);
            double stepNorm = 0;
            double predicted = 0;
            if (solved) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + delta[i];
                }
                run.project(xNew);
                double xNorm = 0;
                for (int i = 0; i < n; i++) {
                    step[i] = xNew[i] - x[i];
                    stepNorm += step[i] * step[i];
                    xNorm += x[i] * x[i];
                }
                stepNorm = Math.sqrt(stepNorm);
                if (stepNorm <= o.parameterTolerance() * (Math.sqrt(xNorm) + o.parameterTolerance())) {
                    return run.stop(iter, cost, stepNorm, gNorm, radius, TerminationType.CONVERGENCE,
                            String.format("parameter tolerance reached: |step| = %.3e", stepNorm));
                }
                // Predicted reduction of the Gauss-Newton model: L(0) − L(δ) = −(gᵀδ + ½‖Jδ‖²).
                predicted = -(LinearStep.dot(run.gradient, step) + 0.5 * run.squaredNormOfJacobianTimes(step));
                if (!run.resolvesSmallCostChanges() && predicted > 0 && predicted <= o.functionTolerance() * cost) {
                    // Float residuals do not resolve cost changes this small: the ratio test would be
                    // noise and reject step after step. The model says we are done.
                    return run.stop(iter, cost, stepNorm, gNorm, radius, TerminationType.CONVERGENCE,
                            String.format("function tolerance reached: predicted |Δcost|/cost = %.3e",
                                    predicted / cost));
                }
            }
            boolean accepted = false;
            double newCost = cost;
            if (solved && predicted > 0) {
                run.scatter(xNew);
                double trial = run.evaluate(false);
                if (Double.isNaN(trial)) {
                    run.scatter(x);
                    return run.stop(iter, cost, stepNorm, gNorm, radius, TerminationType.FAILURE, run.failure());
                }
                double ratio = (cost - trial) / predicted;
                if (ratio > MIN_RELATIVE_DECREASE) {
                    accepted = true;
                    newCost = trial;
                    radius = Math.min(o.maxTrustRadius(),
                            radius / Math.max(1.0 / 3.0, 1.0 - Math.pow(2.0 * ratio - 1.0, 3)));
                    decreaseFactor = 2;
                } else {
                    run.scatter(x);
                }
            }
            if (!accepted) {
                radius /= decreaseFactor;
                decreaseFactor *= 2;
                run.record(iter, cost, stepNorm, gNorm, radius, false);
                if (radius < o.minTrustRadius()) {
                    return run.summary(cost, TerminationType.CONVERGENCE, "trust region radius below " + o.minTrustRadius());
                }
                continue;
            }
            // Accepted: re-evaluate with Jacobian at the new point.
            double evaluated = run.evaluate(true);
            if (Double.isNaN(evaluated)) {
                return run.restoreAndFail(x, iter, cost, stepNorm, gNorm, radius);
            }
            double oldCost = cost;
            cost = evaluated;
            gNorm = run.moveTo(xNew, x);
            run.record(iter, cost, stepNorm, gNorm, radius, true);
            LOG.debug("LM iter {} cost {} |step| {} |g| {} radius {}", iter, cost, stepNorm, gNorm, radius);
            SolverSummary converged = run.toleranceReached(cost, oldCost, newCost, gNorm);
            if (converged != null) {
                return converged;
            }
        }
    }
}
