package io.inverseface.optim;

/**
 * Levenberg-Marquardt with a Ceres-style trust region: the step solves {@code (JᵀJ + D/radius)·δ = −g} with
 * D the clamped diag(JᵀJ); a step is taken when the actual over the predicted decrease of the Gauss-Newton
 * model exceeds {@value #MIN_RELATIVE_DECREASE}, and the radius grows or shrinks with that ratio.
 */
final class TrustRegionMinimizer implements Minimizer {

    /** A step is accepted when actual/predicted reduction exceeds this (Ceres' min_relative_decrease). */
    private static final double MIN_RELATIVE_DECREASE = 1e-3;
    /** Bounds of the clamped diag(JᵀJ) used as damping matrix D (Ceres' defaults). */
    private static final double MIN_DIAGONAL = 1e-6;
    private static final double MAX_DIAGONAL = 1e32;

    @Override
    public double initialRadius(SolverOptions options) {
        return options.initialTrustRadius();
    }

    @Override
    public SolverSummary minimize(SolverRun run, double[] x) {
        SolverOptions o = run.options;
        double cost = run.cost();
        double gNorm = run.gradientNorm();
        int n = run.n;
        double[] d = run.damping;
        double[] delta = run.delta;
        double[] step = new double[n];
        double[] xNew = new double[n];
        double radius = initialRadius(o);
        double decreaseFactor = 2;
        for (int iter = 1; ; iter++) {
            SolverSummary outOfBudget = run.outOfBudget(iter - 1, cost);
            if (outOfBudget != null) {
                return outOfBudget;
            }
            double[] colSq = run.columnSquares;
            for (int i = 0; i < n; i++) {
                d[i] = Math.min(MAX_DIAGONAL, Math.max(MIN_DIAGONAL, colSq[i]));
            }
            boolean solved = run.step(x, 1.0 / radius);
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
            SolverSummary done = run.accept(iter, xNew, x, cost, newCost, stepNorm, gNorm, radius);
            if (done != null) {
                return done;
            }
            cost = run.cost();
            gNorm = run.gradientNorm();
        }
    }
}
