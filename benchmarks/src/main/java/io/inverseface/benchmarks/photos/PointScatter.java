package io.inverseface.benchmarks.photos;

import io.inverseface.core.io.Landmarks;
import io.inverseface.core.landmarks.FaceFrame;
import java.util.Locale;

/**
 * How far each of the 68 points of one detector falls from the annotation, over many photos, in the
 * detection's own {@link FaceFrame} (x along its outer eye corners 36→45, y perpendicular; units of its
 * eye distance), which is how a detector can correct itself without the truth: the mean offset (bias,
 * what {@link io.inverseface.core.landmarks.PointCalibration} takes out) and the per-coordinate root mean
 * square σ_i = √(mean ‖e_i‖² / 2). For the 16 sliding jaw points (0–16 but the chin, 8) σ_i is the error
 * across the annotated outline instead, √(mean (e_i·n_i)²), n_i the unit normal of the annotated contour
 * at i (from its neighbours), because the fit only measures a jaw point across the outline. Both are
 * per-coordinate figures, so they compare directly.
 */
final class PointScatter {

    private static final int CHIN = 8;
    private static final int JAW_LAST = 16;

    private final double[] sumX = new double[Landmarks.COUNT];
    private final double[] sumY = new double[Landmarks.COUNT];
    private final double[] sumSq = new double[Landmarks.COUNT];
    private int photos;

    /** Adds one photo's detected points (interleaved, 136 values) against its annotation. */
    void add(double[] predicted, Landmarks truth) {
        FaceFrame frame = FaceFrame.of(predicted);
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double[] e = frame.toFrame(predicted[2 * i] - truth.x(i), predicted[2 * i + 1] - truth.y(i));
            double ex = e[0], ey = e[1];
            sumX[i] += ex;
            sumY[i] += ey;
            if (sliding(i)) {
                // tangent of the annotated outline by central difference (one-sided at the ends)
                int a = Math.max(0, i - 1), b = Math.min(JAW_LAST, i + 1);
                double[] u = frame.toFrame(truth.x(b) - truth.x(a), truth.y(b) - truth.y(a));
                double t = Math.hypot(u[0], u[1]);
                double across = t > 0 ? (ex * -u[1] + ey * u[0]) / t : Math.hypot(ex, ey) / Math.sqrt(2);
                sumSq[i] += across * across;
            } else {
                sumSq[i] += 0.5 * (ex * ex + ey * ey);
            }
        }
        photos++;
    }

    private static boolean sliding(int i) {
        return i <= JAW_LAST && i != CHIN;
    }

    /** The mean offset of point i (predicted − truth) in the frame, eye distances: {x, y}. */
    double[] bias(int i) {
        return new double[] {sumX[i] / photos, sumY[i] / photos};
    }

    /** σ_i, per coordinate (across the outline for sliding jaw points), eye distances */
    double sigma(int i) {
        return Math.sqrt(sumSq[i] / photos);
    }

    /**
     * The table as CSV: a comment naming the source, then {@code point,sigma,bias_x,bias_y} per point. This
     * is the format of the core's {@code mesh68-offsets.csv}.
     */
    String csv(String source) {
        StringBuilder sb = new StringBuilder();
        sb.append("# per-point landmark error in the detection's face frame, its eye distances: ").append(source).append('\n');
        sb.append("# sigma = per-coordinate root mean square error against the annotation (across the outline for the")
                .append(" sliding jaw points 0-16 but 8), bias = mean offset; ").append(photos).append(" photos\n");
        sb.append("point,sigma,bias_x,bias_y\n");
        for (int i = 0; i < Landmarks.COUNT; i++) {
            sb.append(String.format(Locale.ROOT, "%d,%.5f,%.5f,%.5f%n", i, sigma(i), sumX[i] / photos, sumY[i] / photos));
        }
        return sb.toString();
    }
}
