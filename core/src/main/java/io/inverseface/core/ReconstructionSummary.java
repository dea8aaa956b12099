package io.inverseface.core;

import io.inverseface.core.coarse.StageSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a reconstruction was reached, in the spirit of Ceres' {@code Solver::Summary}: every stage with
 * its time, iterations and energy per term, the backend, and the total time.
 */
public record ReconstructionSummary(List<StageSummary> stages, String backend, double totalSeconds) {

    public ReconstructionSummary {
        stages = List.copyOf(stages);
    }

    /** Total solver iterations over all stages. */
    public int iterations() {
        return stages.stream().mapToInt(StageSummary::iterations).sum();
    }

    /** Final cost per term (from the last stage that reported it). */
    public Map<String, Double> finalCostPerTerm() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (StageSummary s : stages) {
            out.putAll(s.costPerTerm());
        }
        return out;
    }

    /** Seconds per stage name, in order. */
    public Map<String, Double> secondsPerStage() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (StageSummary s : stages) {
            out.merge(s.name(), s.seconds(), Double::sum);
        }
        return out;
    }

    /** A readable multi-line report. */
    public String fullReport() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "inverseface reconstruction: %.1f ms, %d solver iterations, backend %s%n",
                1e3 * totalSeconds, iterations(), backend));
        for (StageSummary s : stages) {
            sb.append("  ").append(s.brief()).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
