package io.inverseface.core.coarse;

import io.inverseface.optim.SolverSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one named stage of a fit did: wall time, the final cost of each term (as the solver reports
 * it, {@code ½·w·E}) and the solver summaries of its solves (empty for closed-form stages).
 */
public record StageSummary(String name, double seconds, Map<String, Double> costPerTerm, List<SolverSummary> solves) {

    public StageSummary {
        costPerTerm = Map.copyOf(costPerTerm);
        solves = List.copyOf(solves);
    }

    /** Total solver iterations of this stage. */
    public int iterations() {
        return solves.stream().mapToInt(s -> Math.max(0, s.iterations().size() - 1)).sum();
    }

    /** One line: name, time, iterations, costs per term. */
    public String brief() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %7.1f ms %4d it", name, 1e3 * seconds,
                iterations()));
        costPerTerm.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  %s=%.4g", e.getKey(), e.getValue())));
        return sb.toString();
    }
}
