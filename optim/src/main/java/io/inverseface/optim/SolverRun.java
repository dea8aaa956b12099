package io.inverseface.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One solve: what the {@link Minimizer}s share. It lays the problem out ({@link Program}), picks the
 * {@link Evaluator} and the linear solver, evaluates and linearises the starting point (falling back to
 * another evaluator when the first cannot evaluate it), solves the linear step, takes accepted steps, and
 * keeps the linear model, the bounds' active set, the tolerances, the budget, the timings and the iteration
 * records from which it writes the {@link SolverSummary}. A minimizer only decides how to step.
 */
final class SolverRun {

    private static final Logger LOG = LoggerFactory.getLogger(Solver.class);

    final SolverOptions options;
    final int m;
    final int n;
    final LinearSolverType linearSolver;
    /** The linear model at the current point: g = Jᵀr, diag(JᵀJ) and, for the dense step, JᵀJ. */
    double[] gradient;
    double[] columnSquares;
    /** The damping diagonal D of {@link #step} (zero unless the minimizer sets it) and the step δ it solves for. */
    double[] damping;
    double[] delta;
    private double[] jtj;
    private double[] scratch;

    private final Problem problem;
    private final Program program;
    private final long start = System.nanoTime();
    private final List<IterationSummary> iterations = new ArrayList<>();
    private long evalNanos;
    private long linearNanos;
    private Evaluator evaluator;
    /** The evaluator threw while the solve was being wound up: per-term costs come from the host. */
    private boolean evaluatorBroken;
    private double initialCost;
    private double currentCost;
    private double currentGradientNorm;

    SolverRun(Problem problem, SolverOptions options) {
        this(problem, options, (program, linearSolver) -> Evaluator.create(program, options, linearSolver));
    }

    /** A run whose evaluator comes from {@code evaluators} (given the program and the linear solver). */
    SolverRun(Problem problem, SolverOptions options,
              BiFunction<Program, LinearSolverType, Evaluator> evaluators) {
        this.problem = problem;
        this.options = options;
        this.program = new Program(problem);
        this.m = program.rows;
        this.n = program.cols;
        this.linearSolver = options.linearSolver() == LinearSolverType.AUTO
                ? LinearStep.choose(m, n, program.blockwiseNormalsPay()) : options.linearSolver();
        this.evaluator = evaluators.apply(program, linearSolver);
    }

    /** Solves from the parameters in the blocks with {@code minimizer}; releases the evaluator at the end. */
    SolverSummary run(Minimizer minimizer) {
        try {
            return solveFromStart(minimizer);
        } finally {
            try {
                evaluator.close();
            } catch (RuntimeException e) {
                LOG.warn("releasing the evaluation failed: {}", e.toString());
            }
        }
    }

    private SolverSummary solveFromStart(Minimizer minimizer) {
        double[] x0 = new double[n];
        program.gather(x0);
        double[] x = x0.clone();
        program.project(x);
        program.scatter(x);
        double cost = evaluateStart();
        if (Double.isNaN(cost)) {
            program.scatter(x0);
            initialCost = Double.POSITIVE_INFINITY;
            return summary(Double.POSITIVE_INFINITY, TerminationType.FAILURE,
                    "at the starting point: " + program.failure());
        }
        initialCost = cost;
        iterations.add(new IterationSummary(0, cost, 0, Double.NaN, options.initialTrustRadius(), true, seconds()));
        if (n == 0) {
            iterations.set(0, new IterationSummary(0, cost, 0, 0, options.initialTrustRadius(), true, seconds()));
            return summary(cost, TerminationType.CONVERGENCE, "no free parameters");
        }
        try {
            SolverSummary atStart = linearizeAtStart(x, cost, minimizer.initialRadius(options));
            return atStart != null ? atStart : minimizer.minimize(this, x);
        } catch (RuntimeException e) {
            // Backend trouble (device errors, bad configuration): report instead of propagating.
            LOG.warn("solve failed: {}", e.toString());
            program.scatter(x);
            double last;
            try {
                last = evaluate(false);
            } catch (RuntimeException again) { // the evaluator itself is in trouble: the host terms still work
                last = program.evaluate(new double[m], null, null);
                evaluatorBroken = true;
            }
            return summary(last, TerminationType.FAILURE, "linear algebra backend failed: " + e);
        }
    }

    /**
     * The cost at the start, with the Jacobian. An evaluator that cannot evaluate there (a kernel that throws,
     * a lost context) must not fail a solve its fallback can do: retry there; a genuine failure fails there too.
     */
    private double evaluateStart() {
        RuntimeException thrown = null;
        double cost;
        try {
            cost = evaluate(true);
        } catch (RuntimeException e) {
            thrown = e;
            cost = Double.NaN;
        }
        if (!Double.isNaN(cost)) {
            return cost;
        }
        if (thrown != null) {
            program.setFailure(thrown.toString());
        }
        Evaluator next = evaluator.fallback();
        if (next == null) {
            if (thrown != null) {
                throw thrown;
            }
            return cost;
        }
        evaluator = next;
        return evaluate(true);
    }

    double seconds() {
        return (System.nanoTime() - start) * 1e-9;
    }

    /** The cost at the parameters in the blocks (see {@link Evaluator#evaluate}); NaN on failure. */
    double evaluate(boolean withJacobian) {
        long t = System.nanoTime();
        double c = evaluator.evaluate(withJacobian);
        evalNanos += System.nanoTime() - t;
        return c;
    }

    /** Why the last evaluation failed. */
    String failure() {
        return program.failure();
    }

    void project(double[] x) {
        program.project(x);
    }

    void scatter(double[] x) {
        program.scatter(x);
    }

    /** See {@link Evaluator#resolvesSmallCostChanges()}. */
    boolean resolvesSmallCostChanges() {
        return evaluator.resolvesSmallCostChanges();
    }

    /**
     * Allocates the linear model, linearises at the start x (evaluated with Jacobian at {@code cost}) and
     * records iteration 0 with {@code radius}. Returns the summary when the gradient there already meets the
     * tolerance, otherwise null, the start's figures in {@link #cost()} and {@link #gradientNorm()}.
     */
    private SolverSummary linearizeAtStart(double[] x, double cost, double radius) {
        boolean dense = linearSolver == LinearSolverType.DENSE_CHOLESKY;
        jtj = dense ? new double[n * n] : null;
        scratch = dense ? new double[n * n] : null;
        gradient = new double[n];
        columnSquares = new double[n];
        damping = new double[n];
        delta = new double[n];
        linearise();
        currentCost = cost;
        currentGradientNorm = projectedGradientNorm(x, gradient);
        iterations.set(0, new IterationSummary(0, cost, 0, currentGradientNorm, radius, true, seconds()));
        return currentGradientNorm <= options.gradientTolerance()
                ? summary(cost, TerminationType.CONVERGENCE, "gradient tolerance reached at start") : null;
    }

    private void linearise() {
        long t = System.nanoTime();
        try {
            evaluator.linearise(jtj, gradient, columnSquares);
        } finally {
            linearNanos += System.nanoTime() - t;
        }
    }

    /** Solves (JᵀJ + μD)δ = −g at x into {@link #delta}, D = {@link #damping}; false when the linear solver failed. */
    boolean step(double[] x, double mu) {
        double[] d = damping;
        long t = System.nanoTime();
        try {
            boolean[] held = activeBounds(x, gradient);
            if (linearSolver == LinearSolverType.DENSE_CHOLESKY) {
                return LinearStep.solveDense(options.backend(), jtj, n, gradient, d, mu, held, scratch, delta);
            }
            return LinearStep.solveConjugateGradient(options.backend(), evaluator.jacobian(), gradient, columnSquares,
                    d, mu, held, options.cgRelativeTolerance(), options.cgMaxIterations(), delta) >= 0;
        } finally {
            linearNanos += System.nanoTime() - t;
        }
    }

    /** ‖J·v‖² with the current linear model's J. */
    double squaredNormOfJacobianTimes(double[] v) {
        long t = System.nanoTime();
        try {
            return evaluator.squaredNormOfJacobianTimes(v, jtj);
        } finally {
            linearNanos += System.nanoTime() - t;
        }
    }

    /**
     * Active set for bounds: a variable sitting on a bound whose descent direction −g points out of
     * the box is held (zero step); otherwise projecting a coupled Newton step would stall.
     * Null when the problem has no bounds.
     */
    private boolean[] activeBounds(double[] x, double[] g) {
        if (!program.bounded) {
            return null;
        }
        boolean[] held = new boolean[n];
        for (int i = 0; i < n; i++) {
            held[i] = (x[i] <= program.lower[i] && g[i] > 0) || (x[i] >= program.upper[i] && g[i] < 0);
        }
        return held;
    }

    /** ‖x − P(x − g)‖∞: the gradient max-norm, projected when bounds are active. */
    private double projectedGradientNorm(double[] x, double[] g) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            double v = g[i];
            if (program.bounded) {
                double moved = Math.min(program.upper[i], Math.max(program.lower[i], x[i] - g[i]));
                v = x[i] - moved;
            }
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** The summary (at {@code cost}) when the budget ends the solve before iteration {@code iteration + 1}, else null. */
    SolverSummary outOfBudget(int iteration, double cost) {
        if (iteration >= options.maxIterations()) {
            return summary(cost, TerminationType.NO_CONVERGENCE,
                    "maximum number of iterations (" + options.maxIterations() + ") reached");
        }
        if (options.timeBudget() != null && System.nanoTime() - start > options.timeBudget().toNanos()) {
            return summary(cost, TerminationType.NO_CONVERGENCE,
                    "time budget of " + options.timeBudget().toMillis() + " ms exhausted");
        }
        return null;
    }

    /** Records iteration {@code iter} (radius: trust radius or step length). */
    void record(int iter, double cost, double stepNorm, double gNorm, double radius, boolean accepted) {
        iterations.add(new IterationSummary(iter, cost, stepNorm, gNorm, radius, accepted, seconds()));
    }

    /** Records the rejected iteration {@code iter} (radius: trust radius or step length) and ends the solve. */
    SolverSummary stop(int iter, double cost, double stepNorm, double gNorm, double radius, TerminationType type,
                       String reason) {
        record(iter, cost, stepNorm, gNorm, radius, false);
        return summary(cost, type, reason);
    }

    /**
     * The Jacobian at an accepted point was not finite: goes back to x, re-evaluates its residuals
     * (those of the linear model were overwritten) and ends the solve with the evaluator's failure.
     */
    private SolverSummary restoreAndFail(double[] x, int iter, double cost, double stepNorm, double gNorm, double radius) {
        program.scatter(x);
        evaluate(false);
        return stop(iter, cost, stepNorm, gNorm, radius, TerminationType.FAILURE, program.failure());
    }

    /** The cost at x: the start's, then the last {@link #accept}ed point's. */
    double cost() {
        return currentCost;
    }

    /** The projected gradient norm at x: the start's, then the last {@link #accept}ed point's. */
    double gradientNorm() {
        return currentGradientNorm;
    }

    /**
     * Takes the step of iteration {@code iter} from x (at {@code cost}, |g| = {@code gNorm}) to xNew, whose
     * parameters are in the blocks and whose cost-only evaluation gave {@code newCost}: evaluates there with the
     * Jacobian, moves x to xNew, linearises and records the iteration ({@code radius}: trust radius or step
     * length). Returns the summary when the solve ends there (the Jacobian failed, or a tolerance was met),
     * otherwise null, the new point's figures in {@link #cost()} and {@link #gradientNorm()}.
     */
    SolverSummary accept(int iter, double[] xNew, double[] x, double cost, double newCost, double stepNorm,
                         double gNorm, double radius) {
        double evaluated = evaluate(true);
        if (Double.isNaN(evaluated)) {
            return restoreAndFail(x, iter, cost, stepNorm, gNorm, radius);
        }
        System.arraycopy(xNew, 0, x, 0, n);
        linearise();
        currentCost = evaluated;
        currentGradientNorm = projectedGradientNorm(x, gradient);
        record(iter, currentCost, stepNorm, currentGradientNorm, radius, true);
        LOG.debug("iteration {}: cost {} |step| {} |g| {} radius/step length {}", iter, currentCost, stepNorm,
                currentGradientNorm, radius);
        return toleranceReached(currentCost, cost, newCost, currentGradientNorm);
    }

    /** The summary when the step from oldCost to newCost met a tolerance, otherwise null. */
    private SolverSummary toleranceReached(double cost, double oldCost, double newCost, double gNorm) {
        if (Math.abs(oldCost - newCost) <= options.functionTolerance() * oldCost) {
            return summary(cost, TerminationType.CONVERGENCE, String.format(
                    "function tolerance reached: |Δcost|/cost = %.3e", Math.abs(oldCost - newCost) / oldCost));
        }
        if (gNorm <= options.gradientTolerance()) {
            return summary(cost, TerminationType.CONVERGENCE, String.format(
                    "gradient tolerance reached: |g|∞ = %.3e", gNorm));
        }
        return null;
    }

    /** Ends the solve at {@code finalCost}. */
    SolverSummary summary(double finalCost, TerminationType type, String reason) {
        Map<String, Double> perTerm = evaluatorBroken ? program.costPerTerm() : evaluator.costPerTerm();
        double total = seconds();
        if (type == TerminationType.FAILURE) {
            LOG.warn("solve failed: {}", reason);
        } else {
            LOG.debug("solve finished: {} ({})", type, reason);
        }
        double fc = Double.isNaN(finalCost) ? Double.POSITIVE_INFINITY : finalCost;
        return new SolverSummary(options.method(), linearSolver, evaluator.description(), m, n, problem.termCount(),
                initialCost, fc, perTerm, iterations, evalNanos * 1e-9, linearNanos * 1e-9, total, type, reason);
    }
}
