package io.inverseface.optim;

import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minimises {@code cost = ½ Σ weight·ρ(‖r‖²)} of a {@link Problem} by Gauss-Newton with Armijo
 * backtracking or by Levenberg-Marquardt with a Ceres-style trust region. The solution is written
 * back into the parameter blocks; on {@link TerminationType#FAILURE} the last parameters at which
 * everything evaluated finitely are restored. Never throws for numerical trouble: it reports it in
 * the {@link SolverSummary}.
 *
 * <pre>{@code
 * double[] x = {-1.2, 1};
 * Problem problem = Problem.builder().addTerm(new Rosenbrock(), x).build();
 * SolverSummary s = Solver.solve(problem, SolverOptions.builder().method(Method.LEVENBERG_MARQUARDT).build());
 * }</pre>
 */
public final class Solver {

    private static final Logger LOG = LoggerFactory.getLogger(Solver.class);

    /** LM: a step is accepted when actual/predicted reduction exceeds this (Ceres' min_relative_decrease). */
    private static final double MIN_RELATIVE_DECREASE = 1e-3;
    /** LM: bounds of the clamped diag(JᵀJ) used as damping matrix D (Ceres' defaults). */
    private static final double MIN_DIAGONAL = 1e-6;
    private static final double MAX_DIAGONAL = 1e32;
    /** GN: Armijo sufficient-decrease constant and maximum number of halvings. */
    private static final double ARMIJO_C1 = 1e-4;
    private static final int MAX_BACKTRACKS = 30;

    private Solver() {
    }

    /** Solves with {@link SolverOptions#defaults()}. */
    public static SolverSummary solve(Problem problem) {
        return solve(problem, SolverOptions.defaults());
    }

    public static SolverSummary solve(Problem problem, SolverOptions options) {
        return new Run(problem, options).run();
    }

    /** State of one solve. */
    private static final class Run {
        final Problem problem;
        final SolverOptions o;
        final Evaluator ev;
        final LinearAlgebraBackend backend;
        final int m;
        final int n;
        final LinearSolverType linearSolver;
        final long start = System.nanoTime();
        final List<IterationSummary> iterations = new ArrayList<>();
        long evalNanos;
        long linearNanos;
        final double[] r;
        double[] jd;
        float[] jf;
        /** Non-null when residuals and Jacobian live on the backend's device for the whole solve. */
        DeviceResidentEvaluation device;
        boolean deviceBroken;
        DenseJacobian uploaded;

        Run(Problem problem, SolverOptions options) {
            this.problem = problem;
            this.o = options;
            this.ev = new Evaluator(problem);
            this.backend = options.backend();
            this.m = ev.rows;
            this.n = ev.cols;
            this.linearSolver = options.linearSolver() == LinearSolverType.AUTO
                    ? LinearStep.choose(m, n) : options.linearSolver();
            this.r = new double[m];
            this.device = options.deviceEvaluation() ? DeviceResidentEvaluation.create(ev, backend, linearSolver) : null;
            if (device == null) {
                allocateHostJacobian();
            }
        }

        private void allocateHostJacobian() {
            this.jd = !o.singlePrecisionJacobian() ? new double[(int) checkedSize(m, n)] : null;
            this.jf = o.singlePrecisionJacobian() ? new float[(int) checkedSize(m, n)] : null;
        }

        /** Gives up the device evaluation (released) and evaluates on the host from now on. */
        private void fallBackToHost(String why) {
            LOG.warn("device evaluation failed at the starting point ({}); solving with host evaluation", why);
            closeDevice();
            allocateHostJacobian();
        }

        private void closeDevice() {
            if (device != null) {
                try {
                    device.close();
                } catch (RuntimeException e) {
                    LOG.warn("releasing the device evaluation failed: {}", e.toString());
                }
                device = null;
            }
        }

        private static long checkedSize(int m, int n) {
            long size = (long) m * n;
            if (size > Integer.MAX_VALUE - 8) {
                throw new ProblemDefinitionException("dense Jacobian " + m + "×" + n + " is too large for one array");
            }
            return size;
        }

        double seconds() {
            return (System.nanoTime() - start) * 1e-9;
        }

        double evaluate(boolean withJacobian, double[] residuals) {
            long t = System.nanoTime();
            double c = device != null ? device.evaluate(withJacobian)
                    : withJacobian ? ev.evaluate(residuals, jd, jf) : ev.evaluate(residuals, null, null);
            evalNanos += System.nanoTime() - t;
            return c;
        }

        void upload() {
            if (uploaded != null) {
                uploaded.close();
            }
            if (backend instanceof CpuBackend cpu) {
                uploaded = jd != null ? cpu.wrap(jd, m, n) : cpu.wrap(jf, m, n);
            } else {
                uploaded = jd != null ? backend.upload(jd, m, n) : backend.upload(jf, m, n);
            }
        }

        SolverSummary run() {
            try {
                return solveFromStart();
            } finally {
                if (uploaded != null) {
                    uploaded.close();
                }
                closeDevice();
            }
        }

        private SolverSummary solveFromStart() {
            double[] x0 = new double[n];
            ev.gather(x0);
            double[] x = x0.clone();
            ev.project(x);
            ev.scatter(x);
            double cost;
            if (device != null) {
                // A device that cannot evaluate the start (a kernel that throws, a lost context) must not fail a
                // solve the host can do: retry there; a genuine failure fails on the host too.
                try {
                    cost = evaluate(true, r);
                } catch (RuntimeException e) {
                    cost = Double.NaN;
                    ev.setFailure(e.toString());
                }
                if (Double.isNaN(cost)) {
                    fallBackToHost(ev.failure());
                    cost = evaluate(true, r);
                }
            } else {
                cost = evaluate(true, r);
            }
            if (Double.isNaN(cost)) {
                ev.scatter(x0);
                return summary(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, TerminationType.FAILURE,
                        "at the starting point: " + ev.failure());
            }
            double initialCost = cost;
            iterations.add(new IterationSummary(0, cost, 0, Double.NaN, o.initialTrustRadius(), true, seconds()));
            if (n == 0) {
                iterations.set(0, new IterationSummary(0, cost, 0, 0, o.initialTrustRadius(), true, seconds()));
                return summary(initialCost, cost, TerminationType.CONVERGENCE, "no free parameters");
            }
            try {
                return o.method() == Method.LEVENBERG_MARQUARDT
                        ? levenbergMarquardt(x, cost, initialCost) : gaussNewton(x, cost, initialCost);
            } catch (RuntimeException e) {
                // Backend trouble (device errors, bad configuration): report instead of propagating.
                LOG.warn("solve failed: {}", e.toString());
                ev.scatter(x);
                double last;
                try {
                    last = evaluate(false, new double[m]);
                } catch (RuntimeException again) { // the device itself is in trouble: the host terms still work
                    last = ev.evaluate(new double[m], null, null);
                    deviceBroken = true;
                }
                return summary(initialCost, last, TerminationType.FAILURE, "linear algebra backend failed: " + e);
            }
        }

        /** g = Jᵀr and, for the dense path, JᵀJ; also fills columnSquares for PCG. */
        void linearise(double[] jtj, double[] g, double[] columnSquares) {
            long t = System.nanoTime();
            if (device != null) {
                if (!device.normalEquations(jtj, g)) {
                    throw new IllegalStateException(ev.failure());
                }
                for (int i = 0; i < n; i++) {
                    columnSquares[i] = jtj[i * n + i];
                }
                linearNanos += System.nanoTime() - t;
                return;
            }
            upload();
            if (linearSolver == LinearSolverType.DENSE_CHOLESKY) {
                backend.normalEquations(uploaded, r, jtj, g);
                for (int i = 0; i < n; i++) {
                    columnSquares[i] = jtj[i * n + i];
                }
            } else {
                backend.multiplyTransposed(uploaded, r, g);
                java.util.Arrays.fill(columnSquares, 0);
                for (int row = 0; row < m; row++) {
                    int base = row * n;
                    if (jd != null) {
                        for (int c = 0; c < n; c++) {
                            columnSquares[c] += jd[base + c] * jd[base + c];
                        }
                    } else {
                        for (int c = 0; c < n; c++) {
                            double v = jf[base + c];
                            columnSquares[c] += v * v;
                        }
                    }
                }
            }
            linearNanos += System.nanoTime() - t;
        }

        /** Solves (JᵀJ + μD)δ = −g; false when the linear solver failed. */
        boolean step(double[] x, double[] jtj, double[] g, double[] columnSquares, double[] d, double mu,
                     double[] scratch, double[] delta) {
            long t = System.nanoTime();
            try {
                boolean[] held = activeBounds(x, g);
                if (linearSolver == LinearSolverType.DENSE_CHOLESKY) {
                    return LinearStep.solveDense(backend, jtj, n, g, d, mu, held, scratch, delta);
                }
                return LinearStep.solveConjugateGradient(backend, uploaded, g, columnSquares, d, mu, held,
                        o.cgRelativeTolerance(), o.cgMaxIterations(), delta) >= 0;
            } finally {
                linearNanos += System.nanoTime() - t;
            }
        }

        /**
         * Active set for bounds: a variable sitting on a bound whose descent direction −g points out of
         * the box is held (zero step); otherwise projecting a coupled Newton step would stall.
         * Null when the problem has no bounds.
         */
        boolean[] activeBounds(double[] x, double[] g) {
            if (!ev.bounded) {
                return null;
            }
            boolean[] held = new boolean[n];
            for (int i = 0; i < n; i++) {
                held[i] = (x[i] <= ev.lower[i] && g[i] > 0) || (x[i] >= ev.upper[i] && g[i] < 0);
            }
            return held;
        }

        /** ‖x − P(x − g)‖∞: the gradient max-norm, projected when bounds are active. */
        double projectedGradientNorm(double[] x, double[] g) {
            double max = 0;
            for (int i = 0; i < n; i++) {
                double v = g[i];
                if (ev.bounded) {
                    double moved = Math.min(ev.upper[i], Math.max(ev.lower[i], x[i] - g[i]));
                    v = x[i] - moved;
                }
                max = Math.max(max, Math.abs(v));
            }
            return max;
        }

        String budgetExceeded(int iteration) {
            if (iteration >= o.maxIterations()) {
                return "maximum number of iterations (" + o.maxIterations() + ") reached";
            }
            if (o.timeBudget() != null && System.nanoTime() - start > o.timeBudget().toNanos()) {
                return "time budget of " + o.timeBudget().toMillis() + " ms exhausted";
            }
            return null;
        }

        SolverSummary levenbergMarquardt(double[] x, double cost, double initialCost) {
            boolean dense = linearSolver == LinearSolverType.DENSE_CHOLESKY;
            double[] jtj = dense ? new double[n * n] : null;
            double[] scratch = dense ? new double[n * n] : null;
            double[] g = new double[n];
            double[] colSq = new double[n];
            double[] d = new double[n];
            double[] delta = new double[n];
            double[] xNew = new double[n];
            double[] step = new double[n];
            double[] jStep = new double[m];
            double[] rTrial = new double[m];
            double radius = o.initialTrustRadius();
            double decreaseFactor = 2;
            linearise(jtj, g, colSq);
            double gNorm = projectedGradientNorm(x, g);
            iterations.set(0, new IterationSummary(0, cost, 0, gNorm, radius, true, seconds()));
            if (gNorm <= o.gradientTolerance()) {
                return summary(initialCost, cost, TerminationType.CONVERGENCE, "gradient tolerance reached at start");
            }
            for (int iter = 1; ; iter++) {
                String budget = budgetExceeded(iter - 1);
                if (budget != null) {
                    return summary(initialCost, cost, TerminationType.NO_CONVERGENCE, budget);
                }
                for (int i = 0; i < n; i++) {
                    d[i] = Math.min(MAX_DIAGONAL, Math.max(MIN_DIAGONAL, colSq[i]));
                }
                boolean solved = step(x, jtj, g, colSq, d, 1.0 / radius, scratch, delta);
                double stepNorm = 0;
                double predicted = 0;
                if (solved) {
                    for (int i = 0; i < n; i++) {
                        xNew[i] = x[i] + delta[i];
                    }
                    ev.project(xNew);
                    double xNorm = 0;
                    for (int i = 0; i < n; i++) {
                        step[i] = xNew[i] - x[i];
                        stepNorm += step[i] * step[i];
                        xNorm += x[i] * x[i];
                    }
                    stepNorm = Math.sqrt(stepNorm);
                    if (stepNorm <= o.parameterTolerance() * (Math.sqrt(xNorm) + o.parameterTolerance())) {
                        return stop(iter, cost, stepNorm, gNorm, radius, initialCost, TerminationType.CONVERGENCE,
                                String.format("parameter tolerance reached: |step| = %.3e", stepNorm));
                    }
                    // Predicted reduction of the Gauss-Newton model: L(0) − L(δ) = −(gᵀδ + ½‖Jδ‖²).
                    long t = System.nanoTime();
                    double jj = 0;
                    if (device != null) {
                        jj = quadraticForm(jtj, step); // ‖Jδ‖² = δᵀ(JᵀJ)δ: J stays on the device
                    } else {
                        backend.multiply(uploaded, step, jStep);
                        for (int i = 0; i < m; i++) {
                            jj += jStep[i] * jStep[i];
                        }
                    }
                    linearNanos += System.nanoTime() - t;
                    predicted = -(LinearStep.dot(g, step) + 0.5 * jj);
                    if (device != null && predicted > 0 && predicted <= o.functionTolerance() * cost) {
                        // Float residuals do not resolve cost changes this small: the ratio test would be
                        // noise and reject step after step. The model says we are done.
                        return stop(iter, cost, stepNorm, gNorm, radius, initialCost, TerminationType.CONVERGENCE,
                                String.format("function tolerance reached: predicted |Δcost|/cost = %.3e",
                                        predicted / cost));
                    }
                }
                boolean accepted = false;
                double newCost = cost;
                if (solved && predicted > 0) {
                    ev.scatter(xNew);
                    double trial = evaluate(false, rTrial);
                    if (Double.isNaN(trial)) {
                        ev.scatter(x);
                        return stop(iter, cost, stepNorm, gNorm, radius, initialCost, TerminationType.FAILURE,
                                ev.failure());
                    }
                    double ratio = (cost - trial) / predicted;
                    if (ratio > MIN_RELATIVE_DECREASE) {
                        accepted = true;
                        newCost = trial;
                        radius = Math.min(o.maxTrustRadius(),
                                radius / Math.max(1.0 / 3.0, 1.0 - Math.pow(2.0 * ratio - 1.0, 3)));
                        decreaseFactor = 2;
                    } else {
                        ev.scatter(x);
                    }
                }
                if (!accepted) {
                    radius /= decreaseFactor;
                    decreaseFactor *= 2;
                    iterations.add(new IterationSummary(iter, cost, stepNorm, gNorm, radius, false, seconds()));
                    if (radius < o.minTrustRadius()) {
                        return summary(initialCost, cost, TerminationType.CONVERGENCE,
                                "trust region radius below " + o.minTrustRadius());
                    }
                    continue;
                }
                // Accepted: re-evaluate with Jacobian at the new point.
                double evaluated = evaluate(true, r);
                if (Double.isNaN(evaluated)) {
                    return restoreAndFail(x, iter, cost, stepNorm, gNorm, radius, initialCost);
                }
                double oldCost = cost;
                cost = evaluated;
                gNorm = moveTo(xNew, x, jtj, g, colSq);
                iterations.add(new IterationSummary(iter, cost, stepNorm, gNorm, radius, true, seconds()));
                LOG.debug("LM iter {} cost {} |step| {} |g| {} radius {}", iter, cost, stepNorm, gNorm, radius);
                SolverSummary converged = toleranceReached(initialCost, cost, oldCost, newCost, gNorm);
                if (converged != null) {
                    return converged;
                }
            }
        }

        SolverSummary gaussNewton(double[] x, double cost, double initialCost) {
            boolean dense = linearSolver == LinearSolverType.DENSE_CHOLESKY;
            double[] jtj = dense ? new double[n * n] : null;
            double[] scratch = dense ? new double[n * n] : null;
            double[] g = new double[n];
            double[] colSq = new double[n];
            double[] d = new double[n];
            double[] delta = new double[n];
            double[] xNew = new double[n];
            double[] rTrial = new double[m];
            linearise(jtj, g, colSq);
            double gNorm = projectedGradientNorm(x, g);
            iterations.set(0, new IterationSummary(0, cost, 0, gNorm, 1, true, seconds()));
            if (gNorm <= o.gradientTolerance()) {
                return summary(initialCost, cost, TerminationType.CONVERGENCE, "gradient tolerance reached at start");
            }
            for (int iter = 1; ; iter++) {
                String budget = budgetExceeded(iter - 1);
                if (budget != null) {
                    return summary(initialCost, cost, TerminationType.NO_CONVERGENCE, budget);
                }
                if (!step(x, jtj, g, colSq, d, 0, scratch, delta)) {
                    return stop(iter, cost, 0, gNorm, 0, initialCost, TerminationType.NO_CONVERGENCE,
                            "linear solver failed on the Gauss-Newton system");
                }
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
                    ev.project(xNew);
                    for (int i = 0; i < n; i++) {
                        double s = xNew[i] - x[i];
                        slope += g[i] * s;
                        stepNorm += s * s;
                    }
                    stepNorm = Math.sqrt(stepNorm);
                    if (stepNorm <= o.parameterTolerance() * (xNorm + o.parameterTolerance())) {
                        return stop(iter, cost, stepNorm, gNorm, alpha, initialCost, TerminationType.CONVERGENCE,
                                String.format("parameter tolerance reached: |step| = %.3e", stepNorm));
                    }
                    ev.scatter(xNew);
                    trial = evaluate(false, rTrial);
                    if (Double.isNaN(trial)) {
                        ev.scatter(x);
                        return stop(iter, cost, stepNorm, gNorm, alpha, initialCost, TerminationType.FAILURE,
                                ev.failure());
                    }
                    // Armijo: f(x + αδ) ≤ f(x) + c1·gᵀ(x(α) − x).
                    if (trial <= cost + ARMIJO_C1 * Math.min(slope, 0)) {
                        accepted = true;
                        break;
                    }
                }
                if (!accepted) {
                    ev.scatter(x);
                    return stop(iter, cost, stepNorm, gNorm, alpha, initialCost, TerminationType.NO_CONVERGENCE,
                            "line search could not decrease the cost");
                }
                double evaluated = evaluate(true, r);
                if (Double.isNaN(evaluated)) {
                    return restoreAndFail(x, iter, cost, stepNorm, gNorm, alpha, initialCost);
                }
                double oldCost = cost;
                cost = evaluated;
                gNorm = moveTo(xNew, x, jtj, g, colSq);
                iterations.add(new IterationSummary(iter, cost, stepNorm, gNorm, alpha, true, seconds()));
                LOG.debug("GN iter {} cost {} |step| {} |g| {} alpha {}", iter, cost, stepNorm, gNorm, alpha);
                SolverSummary converged = toleranceReached(initialCost, cost, oldCost, trial, gNorm);
                if (converged != null) {
                    return converged;
                }
            }
        }

        /** Records the rejected iteration {@code iter} (radius: trust radius or step length) and ends the solve. */
        SolverSummary stop(int iter, double cost, double stepNorm, double gNorm, double radius, double initialCost,
                           TerminationType type, String reason) {
            iterations.add(new IterationSummary(iter, cost, stepNorm, gNorm, radius, false, seconds()));
            return summary(initialCost, cost, type, reason);
        }

        /**
         * The Jacobian at an accepted point was not finite: goes back to x, re-evaluates its residuals
         * (r was overwritten) and ends the solve with the evaluator's failure.
         */
        SolverSummary restoreAndFail(double[] x, int iter, double cost, double stepNorm, double gNorm, double radius,
                                     double initialCost) {
            ev.scatter(x);
            evaluate(false, r);
            return stop(iter, cost, stepNorm, gNorm, radius, initialCost, TerminationType.FAILURE, ev.failure());
        }

        /** Takes the accepted point xNew into x and linearises there; returns the new gradient norm. */
        double moveTo(double[] xNew, double[] x, double[] jtj, double[] g, double[] colSq) {
            System.arraycopy(xNew, 0, x, 0, n);
            linearise(jtj, g, colSq);
            return projectedGradientNorm(x, g);
        }

        /** The summary when the step from oldCost to newCost met a tolerance, otherwise null. */
        SolverSummary toleranceReached(double initialCost, double cost, double oldCost, double newCost, double gNorm) {
            if (Math.abs(oldCost - newCost) <= o.functionTolerance() * oldCost) {
                return summary(initialCost, cost, TerminationType.CONVERGENCE, String.format(
                        "function tolerance reached: |Δcost|/cost = %.3e", Math.abs(oldCost - newCost) / oldCost));
            }
            if (gNorm <= o.gradientTolerance()) {
                return summary(initialCost, cost, TerminationType.CONVERGENCE, String.format(
                        "gradient tolerance reached: |g|∞ = %.3e", gNorm));
            }
            return null;
        }

        double quadraticForm(double[] a, double[] v) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double row = 0;
                int base = i * n;
                for (int j = 0; j < n; j++) {
                    row += a[base + j] * v[j];
                }
                sum += v[i] * row;
            }
            return sum;
        }

        SolverSummary summary(double initialCost, double finalCost, TerminationType type, String reason) {
            Map<String, Double> perTerm = device != null && !deviceBroken ? device.costPerTerm() : ev.costPerTerm();
            double total = seconds();
            if (type == TerminationType.FAILURE) {
                LOG.warn("solve failed: {}", reason);
            } else {
                LOG.debug("solve finished: {} ({})", type, reason);
            }
            double fc = Double.isNaN(finalCost) ? Double.POSITIVE_INFINITY : finalCost;
            return new SolverSummary(o.method(), linearSolver, device != null ? device.description() : backend.name(), m, n, problem.termCount(),
                    initialCost, fc, perTerm, iterations, evalNanos * 1e-9, linearNanos * 1e-9, total, type, reason);
        }
    }
}
