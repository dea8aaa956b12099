package io.inverseface.benchmarks.fidelity;

import java.util.Arrays;

/**
 * {@code y = s·R·x + t}: a rotation (row-major 3×3), a translation and an isotropic scale ({@code s = 1} for
 * a rigid transform).
 *
 * @param rotation    row-major 3×3, a proper rotation
 * @param translation 3 values
 * @param scale       &gt; 0
 */
public record SimilarityTransform(double[] rotation, double[] translation, double scale) {

    public SimilarityTransform {
        if (rotation.length != 9 || translation.length != 3 || !(scale > 0)) {
            throw new IllegalArgumentException("need a 3x3 rotation, a 3-vector and a positive scale");
        }
        rotation = rotation.clone();
        translation = translation.clone();
    }

    public static SimilarityTransform identity() {
        return new SimilarityTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3], 1);
    }

    @Override
    public double[] rotation() {
        return rotation.clone();
    }

    @Override
    public double[] translation() {
        return translation.clone();
    }

    /** {@code out = s·R·(x, y, z) + t}. */
    public void apply(double x, double y, double z, double[] out) {
        double[] r = rotation;
        out[0] = scale * (r[0] * x + r[1] * y + r[2] * z) + translation[0];
        out[1] = scale * (r[3] * x + r[4] * y + r[5] * z) + translation[1];
        out[2] = scale * (r[6] * x + r[7] * y + r[8] * z) + translation[2];
    }

    /** {@code out = Rᵀ·((x, y, z) − t) / s}, the inverse map. */
    public void applyInverse(double x, double y, double z, double[] out) {
        double[] r = rotation;
        double px = x - translation[0], py = y - translation[1], pz = z - translation[2];
        out[0] = (r[0] * px + r[3] * py + r[6] * pz) / scale;
        out[1] = (r[1] * px + r[4] * py + r[7] * pz) / scale;
        out[2] = (r[2] * px + r[5] * py + r[8] * pz) / scale;
    }

    /** Every point of an interleaved xyz array, transformed into a new array. */
    public float[] applyAll(float[] xyz) {
        float[] out = new float[xyz.length];
        double[] p = new double[3];
        for (int i = 0; i < xyz.length; i += 3) {
            apply(xyz[i], xyz[i + 1], xyz[i + 2], p);
            out[i] = (float) p[0];
            out[i + 1] = (float) p[1];
            out[i + 2] = (float) p[2];
        }
        return out;
    }

    /** Every point of an interleaved xyz array, transformed into a new array. */
    public double[] applyAll(double[] xyz) {
        double[] out = new double[xyz.length];
        double[] p = new double[3];
        for (int i = 0; i < xyz.length; i += 3) {
            apply(xyz[i], xyz[i + 1], xyz[i + 2], p);
            System.arraycopy(p, 0, out, i, 3);
        }
        return out;
    }

    /** The inverse transform as a value. */
    public SimilarityTransform inverse() {
        double[] rt = {rotation[0], rotation[3], rotation[6], rotation[1], rotation[4], rotation[7],
                rotation[2], rotation[5], rotation[8]};
        double[] t = new double[3];
        applyInverse(0, 0, 0, t);
        return new SimilarityTransform(rt, t, 1 / scale);
    }

    /** Rotation angle of R in degrees. */
    public double angleDegrees() {
        double c = 0.5 * (rotation[0] + rotation[4] + rotation[8] - 1);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /**
     * The weighted least-squares transform mapping {@code source} points onto {@code target} points
     * (Umeyama 1991; the rotation by Horn's quaternion method, which always yields a proper rotation,
     * no reflection fix-up): minimises {@code Σ w_i |s·R·x_i + t − y_i|²}, with {@code s = 1} unless
     * {@code withScale}.
     *
     * @param source  interleaved xyz, n points
     * @param target  interleaved xyz, n points
     * @param weights n non-negative weights, or null for 1
     */
    public static SimilarityTransform fit(double[] source, double[] target, double[] weights, boolean withScale) {
        int n = source.length / 3;
        if (target.length != source.length || (weights != null && weights.length < n) || n < 3) {
            throw new IllegalArgumentException("need at least 3 corresponding points with weights");
        }
        double wsum = 0;
        double[] cs = new double[3], ct = new double[3];
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[i];
            wsum += w;
            for (int d = 0; d < 3; d++) {
                cs[d] += w * source[3 * i + d];
                ct[d] += w * target[3 * i + d];
            }
        }
        if (!(wsum > 0)) {
            throw new IllegalArgumentException("weights sum to zero");
        }
        for (int d = 0; d < 3; d++) {
            cs[d] /= wsum;
            ct[d] /= wsum;
        }
        // Weighted cross-covariance S = Σ w (x − cx)(y − cy)ᵀ and the source spread Σ w |x − cx|².
        double[] s = new double[9];
        double spread = 0;
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[i];
            double x0 = source[3 * i] - cs[0], x1 = source[3 * i + 1] - cs[1], x2 = source[3 * i + 2] - cs[2];
            double y0 = target[3 * i] - ct[0], y1 = target[3 * i + 1] - ct[1], y2 = target[3 * i + 2] - ct[2];
            s[0] += w * x0 * y0; s[1] += w * x0 * y1; s[2] += w * x0 * y2;
            s[3] += w * x1 * y0; s[4] += w * x1 * y1; s[5] += w * x1 * y2;
            s[6] += w * x2 * y0; s[7] += w * x2 * y1; s[8] += w * x2 * y2;
            spread += w * (x0 * x0 + x1 * x1 + x2 * x2);
        }
        double[] r = rotationFromCovariance(s);
        double k = 1;
        if (withScale) {
            // Given R, the least-squares scale is tr(R·S) / Σ w |x − cx|².
            double num = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    num += r[3 * i + j] * s[3 * j + i];
                }
            }
            k = spread > 0 && num > 0 ? num / spread : 1;
        }
        double[] t = new double[3];
        for (int d = 0; d < 3; d++) {
            t[d] = ct[d] - k * (r[3 * d] * cs[0] + r[3 * d + 1] * cs[1] + r[3 * d + 2] * cs[2]);
        }
        return new SimilarityTransform(r, t, k);
    }

    /** The rotation R maximising tr(R·S) for S = Σ x·yᵀ (so R·x ≈ y): Horn's quaternion eigenproblem. */
    static double[] rotationFromCovariance(double[] s) {
        return io.inverseface.core.synth.RecoveryMetrics.rotationFromCovariance(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimilarityTransform t && Arrays.equals(rotation, t.rotation)
                && Arrays.equals(translation, t.translation) && scale == t.scale;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(rotation) + Arrays.hashCode(translation)) + Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "SimilarityTransform[angle=%.3f°, t=(%.2f, %.2f, %.2f), s=%.4f]",
                angleDegrees(), translation[0], translation[1], translation[2], scale);
    }
}
