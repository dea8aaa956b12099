package io.inverseface.optim;

import io.inverseface.optim.backend.DenseJacobian;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a solve evaluates its {@link Program} and forms the linear model around the current point, as Ceres'
 * {@code Evaluator}: the minimizers ask for costs, gradients and normal equations and never know whether the
 * residuals and the Jacobian live in host arrays ({@link HostEvaluator}) or in device memory
 * ({@link DeviceResidentEvaluator}).
 *
 * <p>Every call reads the parameters currently in the problem's blocks. {@link #evaluate} with the Jacobian
 * sets the point of the linear model; {@link #linearise} forms it and must follow that call before any
 * evaluation without the Jacobian. {@link #squaredNormOfJacobianTimes} and {@link #jacobian()} refer to the
 * last linearisation, however many cost-only evaluations (trial points) came after it.
 */
interface Evaluator extends AutoCloseable {

    /**
     * The device-resident evaluator when the options, the backend and the terms allow it (see
     * {@link DeviceResidentEvaluator#create}), otherwise the host evaluator.
     */
    static Evaluator create(Program program, SolverOptions options, LinearSolverType linearSolver) {
        Supplier<Evaluator> host = () -> new HostEvaluator(program, options.backend(), linearSolver,
                options.singlePrecisionJacobian());
        Evaluator device = options.deviceEvaluation()
                ? DeviceResidentEvaluator.create(program, options.backend(), linearSolver, host) : null;
        return device != null ? device : host.get();
    }

    /** The backend's name and, where it matters, which terms run where: {@link SolverSummary#backend()}. */
    String description();

    /**
     * The cost {@code ½ Σ w·ρ(‖r‖²)} at the parameters in the blocks, and with {@code withJacobian} the
     * residuals and the Jacobian there for {@link #linearise}. NaN when a term failed or a value is not finite
     * ({@link Program#failure()} says why). May throw when the backend itself fails.
     */
    double evaluate(boolean withJacobian);

    /**
     * From the last evaluation with Jacobian: {@code g = Jᵀr}, the squared column norms {@code diag(JᵀJ)} and,
     * when {@code jtj} is not null (the dense step), {@code JᵀJ} (n×n row-major).
     *
     * @throws IllegalStateException when the Jacobian is not finite
     */
    void linearise(double[] jtj, double[] g, double[] columnSquares);

    /** {@code ‖J·v‖²} with the last linearisation's J; {@code jtj} is the matrix {@link #linearise} filled. */
    double squaredNormOfJacobianTimes(double[] v, double[] jtj);

    /** The last linearisation's Jacobian on the backend, for matrix-free steps. */
    DenseJacobian jacobian();

    /**
     * Whether costs are exact enough (double residuals) for the trust-region ratio test to resolve relative
     * changes at the function tolerance; false for float residuals, where the minimizer stops on the model's
     * predicted decrease instead.
     */
    boolean resolvesSmallCostChanges();

    /** Cost by term name at the parameters in the blocks (residuals only); +∞ for terms that fail there. */
    Map<String, Double> costPerTerm();

    /**
     * When this evaluator could not evaluate the starting point but another one may (the device failed, the
     * host may not): closes this one and returns the other. Null, this one left open, when there is none.
     */
    Evaluator fallback();

    @Override
    void close();
}
