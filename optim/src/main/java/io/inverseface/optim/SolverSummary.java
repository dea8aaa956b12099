package io.inverseface.optim;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link Solver#solve} did. Costs follow {@code cost = ½ Σ weight·ρ(‖r‖²)}.
 *
 * @param method              GN or LM
 * @param linearSolver        the linear solver actually used (never AUTO)
 * @param backend             backend name
 * @param residualCount       m
 * @param parameterCount      n (free parameters only)
 * @param termCount           number of terms
 * @param initialCost         cost at the starting point (NaN-free: +∞ when it could not be evaluated)
 * @param finalCost           cost at the returned parameters
 * @param costPerTerm         final cost by term name (terms sharing a name are summed)
 * @param iterations          per-iteration records, iteration 0 = starting point
 * @param evaluationSeconds   time spent evaluating residuals and Jacobians
 * @param linearSolverSeconds time spent building and solving the linear step
 * @param totalSeconds        total wall time
 * @param termination         why it stopped
 * @param reason              human-readable detail of {@code termination}
 */
public record SolverSummary(Method method, LinearSolverType linearSolver, String backend, int residualCount,
                            int parameterCount, int termCount, double initialCost, double finalCost,
                            Map<String, Double> costPerTerm, List<IterationSummary> iterations,
                            double evaluationSeconds, double linearSolverSeconds, double totalSeconds,
                            TerminationType termination, String reason) {

    public SolverSummary {
        costPerTerm = Map.copyOf(costPerTerm);
        iterations = List.copyOf(iterations);
    }

    public boolean isUsable() {
        return termination != TerminationType.FAILURE;
    }

    /** Number of accepted steps. */
    public int successfulSteps() {
        int n = 0;
        for (IterationSummary it : iterations) {
            if (it.iteration() > 0 && it.stepAccepted()) {
                n++;
            }
        }
        return n;
    }

    /** One line: termination, costs, iterations, time. */
    public String briefReport() {
        return String.format(Locale.ROOT, "%s, initial cost %.6e, final cost %.6e, %d iterations, %.3f s: %s",
                termination, initialCost, finalCost, Math.max(0, iterations.size() - 1), totalSeconds, reason);
    }

    /** A multi-line report in the spirit of Ceres' {@code Solver::Summary::FullReport()}. */
    public String fullReport() {
        StringBuilder sb = new StringBuilder();
        sb.append("Solver Summary\n\n");
        sb.append(String.format(Locale.ROOT, "%-28s%s%n", "Minimizer", method));
        sb.append(String.format(Locale.ROOT, "%-28s%s%n", "Linear solver", linearSolver));
        sb.append(String.format(Locale.ROOT, "%-28s%s%n", "Backend", backend));
        sb.append(String.format(Locale.ROOT, "%-28s%d%n", "Residuals", residualCount));
        sb.append(String.format(Locale.ROOT, "%-28s%d%n", "Free parameters", parameterCount));
        sb.append(String.format(Locale.ROOT, "%-28s%d%n%n", "Terms", termCount));
        sb.append(String.format(Locale.ROOT, "%-28s%.6e%n", "Initial cost", initialCost));
        sb.append(String.format(Locale.ROOT, "%-28s%.6e%n", "Final cost", finalCost));
        sb.append(String.format(Locale.ROOT, "%-28s%.6e%n%n", "Change", initialCost - finalCost));
        sb.append("Cost per term\n");
        costPerTerm.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                sb.append(String.format(Locale.ROOT, "  %-26s%.6e%n", e.getKey(), e.getValue())));
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%4s %14s %11s %11s %11s %4s %9s%n",
                "iter", "cost", "|step|", "|grad|inf", "radius", "acc", "time(s)"));
        for (IterationSummary it : iterations) {
            sb.append(String.format(Locale.ROOT, "%4d %14.6e %11.3e %11.3e %11.3e %4s %9.4f%n", it.iteration(),
                    it.cost(), it.stepNorm(), it.gradientMaxNorm(), it.trustRadius(),
                    it.stepAccepted() ? "yes" : "no", it.seconds()));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-28s%d%n", "Iterations", Math.max(0, iterations.size() - 1)));
        sb.append(String.format(Locale.ROOT, "%-28s%d%n", "Successful steps", successfulSteps()));
        sb.append(String.format(Locale.ROOT, "%-28s%.4f%n", "Evaluation time (s)", evaluationSeconds));
        sb.append(String.format(Locale.ROOT, "%-28s%.4f%n", "Linear solver time (s)", linearSolverSeconds));
        sb.append(String.format(Locale.ROOT, "%-28s%.4f%n%n", "Total time (s)", totalSeconds));
        sb.append(String.format(Locale.ROOT, "Termination: %s (%s)%n", termination, reason));
        return sb.toString();
    }
}
