package io.inverseface.optim;

/**
 * One iteration of {@link Solver}.
 *
 * @param iteration       0 for the initial point, then 1, 2, ...
 * @param cost            cost after this iteration (½ Σ weight·ρ(‖r‖²))
 * @param stepNorm        Euclidean norm of the step tried (0 at iteration 0)
 * @param gradientMaxNorm max-norm of the (projected) gradient Jᵀr at the point reached
 * @param trustRadius     LM trust-region radius after this iteration; line-search step length α for GN
 * @param stepAccepted    whether the step was taken
 * @param seconds         wall time since the solve started
 */
public record IterationSummary(int iteration, double cost, double stepNorm, double gradientMaxNorm,
                               double trustRadius, boolean stepAccepted, double seconds) {
}
