package io.inverseface.optim;

/**
 * One residual function of a least-squares {@link Problem}: pure modelling, no weight, no loss
 * (those attach when the term is added, see {@link Problem.Builder#addTerm(Term, Loss, double, double[]...)}).
 *
 * <p>A term reads {@code blockSizes().length} parameter blocks and writes {@link #residualCount()}
 * residuals. When asked, it also writes the analytic Jacobian of the residuals with respect to each
 * block: {@code jacobians[j]} is row-major {@code residualCount × blockSizes()[j]}, i.e.
 * {@code jacobians[j][i * blockSizes()[j] + c] = ∂r_i / ∂blocks[j][c]}.
 */
public interface Term {

    /** Name used to report the cost of this term in {@link SolverSummary#costPerTerm()}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Number of residuals this term writes. */
    int residualCount();

    /** Sizes of the parameter blocks this term reads, in the order they are passed to {@link #evaluate}. */
    int[] blockSizes();

    /**
     * Evaluates residuals and (optionally) Jacobian blocks.
     *
     * @param blocks     current parameter values, one array per block
     * @param residuals  output, length {@link #residualCount()}
     * @param jacobians  null when only residuals are wanted; otherwise one entry per block, where a null
     *                   entry (a constant block) must be skipped
     * @return false when the term cannot be evaluated at these parameters (the solver then stops with
     *         {@link TerminationType#FAILURE})
     */
    boolean evaluate(double[][] blocks, double[] residuals, double[][] jacobians);
}
