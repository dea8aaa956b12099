package io.inverseface.benchmarks.fidelity;

import java.util.Arrays;

/**
 * Weighted summary of non-negative errors: mean, median (the smallest value whose cumulative weight
 * reaches half the total), standard deviation about the weighted mean, and the maximum.
 */
public record WeightedStats(double mean, double median, double std, double max) {

    /** Summary of {@code values[0..n)} weighted by {@code weights[0..n)}. */
    public static WeightedStats of(double[] values, double[] weights, int n) {
        if (n == 0) {
            return new WeightedStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double wsum = 0, mean = 0, max = 0;
        for (int i = 0; i < n; i++) {
            wsum += weights[i];
            mean += weights[i] * values[i];
            max = Math.max(max, values[i]);
        }
        mean /= wsum;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            var += weights[i] * d * d;
        }
        // Sort indices by value (boxed once per call; n is a few thousand).
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double half = 0.5 * wsum, acc = 0, median = values[order[n - 1]];
        for (int i = 0; i < n; i++) {
            acc += weights[order[i]];
            if (acc >= half) {
                median = values[order[i]];
                break;
            }
        }
        return new WeightedStats(mean, median, Math.sqrt(var / wsum), max);
    }
}
