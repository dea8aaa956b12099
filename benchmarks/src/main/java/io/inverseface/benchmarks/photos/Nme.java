package io.inverseface.benchmarks.photos;

import io.inverseface.core.io.Landmarks;

/**
 * Normalised mean error of 68 iBUG points, the 300-W way: the mean point-to-point distance divided by
 * the ground truth's outer-eye-corner distance (points 36 and 45, 0-based). Both point sets must be in
 * the same pixel convention (inverseface's: pixel corner origin, as {@code LandmarksReader} converts
 * {@code .pts} to).
 */
public final class Nme {

    /** First of the 51 inner points (eyebrows, nose, eyes, mouth): 17–67; 0–16 is the jaw outline. */
    public static final int FIRST_INNER = 17;

    private Nme() {
    }

    /** NME over all 68 points, as a fraction (0.05 = 5 %). */
    public static double nme68(double[] predicted, Landmarks truth) {
        return nme(predicted, truth, 0, Landmarks.COUNT - 1);
    }

    /** NME over the 51 inner points 17–67, normalised by the same eye distance. */
    public static double nme51(double[] predicted, Landmarks truth) {
        return nme(predicted, truth, FIRST_INNER, Landmarks.COUNT - 1);
    }

    /**
     * @param predicted interleaved {@code x0, y0, ...}, 136 values
     * @param truth     ground truth
     * @param first     first point index, inclusive
     * @param last      last point index, inclusive
     * @return mean distance over {@code first..last} / ground-truth distance between points 36 and 45
     */
    public static double nme(double[] predicted, Landmarks truth, int first, int last) {
        if (predicted.length != 2 * Landmarks.COUNT) {
            throw new IllegalArgumentException("expected 136 coordinates, got " + predicted.length);
        }
        double eyes = truth.interOcularDistance();
        if (!(eyes > 0)) {
            throw new IllegalArgumentException("ground truth has coincident outer eye corners");
        }
        double sum = 0;
        for (int i = first; i <= last; i++) {
            sum += Math.hypot(predicted[2 * i] - truth.x(i), predicted[2 * i + 1] - truth.y(i));
        }
        return sum / (last - first + 1) / eyes;
    }

    /** @return {@code {mean x, mean y}} of all 68 points */
    public static double[] centroid(Landmarks points) {
        double sx = 0, sy = 0;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            sx += points.x(i);
            sy += points.y(i);
        }
        return new double[] {sx / Landmarks.COUNT, sy / Landmarks.COUNT};
    }

    /** @return {@code {mean dx, mean dy}} of {@code predicted − truth} over all 68 points, pixels (a bias check) */
    public static double[] meanOffset(double[] predicted, Landmarks truth) {
        double sx = 0, sy = 0;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            sx += predicted[2 * i] - truth.x(i);
            sy += predicted[2 * i + 1] - truth.y(i);
        }
        return new double[] {sx / Landmarks.COUNT, sy / Landmarks.COUNT};
    }
}
