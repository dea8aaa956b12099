package io.inverseface.core.synth;

import io.inverseface.core.FaceParameters;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.render.Pose;
import io.inverseface.render.WeakPerspectiveCamera;

/**
 * How well a fit recovered a {@link SyntheticFace}.
 *
 * <ul>
 *   <li>{@code vertexErrorMm}: mean Euclidean distance over the narrow face region between the fitted
 *       and the true shape after a <em>rigid</em> Procrustes alignment (rotation and translation, no
 *       scale) of the fitted shape onto the true one. No scale, because both shapes are in model
 *       millimetres: a fit that is 5 % too large is 5 % wrong, and scaling it away would hide that.
 *       The alignment removes only what a single image cannot fix (the weak-perspective depth of
 *       the face and any rotation the pose absorbs).</li>
 *   <li>{@code scaledVertexErrorMm}: the same after a similarity alignment (rotation, translation and one
 *       scale), for reference: it shows how much of {@code vertexErrorMm} is the overall size of the
 *       face, which a weak-perspective camera cannot tell from the camera scale.</li>
 *   <li>{@code landmarkErrorPx}: mean distance, in pixels, between the 68 landmark vertices of the fit
 *       projected with the fitted pose and the noise-free true projections (the same model vertices).</li>
 *   <li>{@code yawErrorDeg}, {@code pitchErrorDeg}, {@code rollErrorDeg}: absolute angle differences.</li>
 * </ul>
 */
public record RecoveryMetrics(double vertexErrorMm, double scaledVertexErrorMm, double landmarkErrorPx, double yawErrorDeg, double pitchErrorDeg,
                              double rollErrorDeg) {

    /** Scores {@code fitted} against the truth of {@code face}. */
    public static RecoveryMetrics of(FaceModel model, SyntheticFace face, FaceParameters fitted) {
        float[] fittedVertices = model.instance(fitted.identity(), fitted.expression());
        int[] region = model.regionVertices(FaceRegion.NARROW);
        float[] trueVertices = face.vertices();
        double vertex = alignedVertexError(fittedVertices, trueVertices, region, false);
        double scaled = alignedVertexError(fittedVertices, trueVertices, region, true);
        double landmark = landmarkError(model, fittedVertices, fitted.pose(), face.image().width(),
                face.image().height(), face.trueLandmarks());
        Pose t = face.truth().pose(), f = fitted.pose();
        return new RecoveryMetrics(vertex, scaled, landmark, angleDeg(f.yaw() - t.yaw()), angleDeg(f.pitch() - t.pitch()),
                angleDeg(f.roll() - t.roll()));
    }

    /** The largest of the three angle errors, degrees. */
    public double maxAngleErrorDeg() {
        return Math.max(yawErrorDeg, Math.max(pitchErrorDeg, rollErrorDeg));
    }

    /**
     * Mean distance over {@code region} between {@code fitted} aligned onto {@code truth} (least squares
     * over the region: rotation and translation, plus one scale when {@code withScale}) and {@code truth},
     * in the shapes' units.
     */
    public static double alignedVertexError(float[] fitted, float[] truth, int[] region, boolean withScale) {
        int n = region.length;
        double[] cf = new double[3], ct = new double[3];
        for (int v : region) {
            for (int d = 0; d < 3; d++) {
                cf[d] += fitted[3 * v + d];
                ct[d] += truth[3 * v + d];
            }
        }
        for (int d = 0; d < 3; d++) {
            cf[d] /= n;
            ct[d] /= n;
        }
        // Cross-covariance S = Σ (f − cf)(t − ct)ᵀ.
        double[] s = new double[9];
        for (int v : region) {
            double fx = fitted[3 * v] - cf[0], fy = fitted[3 * v + 1] - cf[1], fz = fitted[3 * v + 2] - cf[2];
            double tx = truth[3 * v] - ct[0], ty = truth[3 * v + 1] - ct[1], tz = truth[3 * v + 2] - ct[2];
            s[0] += fx * tx; s[1] += fx * ty; s[2] += fx * tz;
            s[3] += fy * tx; s[4] += fy * ty; s[5] += fy * tz;
            s[6] += fz * tx; s[7] += fz * ty; s[8] += fz * tz;
        }
        double[] r = rotationFromCovariance(s);
        double k = 1;
        if (withScale) {
            // Least-squares scale given R: tr(R·S) / Σ|f − cf|².
            double num = 0, den = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    num += r[3 * i + j] * s[3 * j + i];
                }
            }
            for (int v : region) {
                for (int d = 0; d < 3; d++) {
                    double f = fitted[3 * v + d] - cf[d];
                    den += f * f;
                }
            }
            k = den > 0 ? num / den : 1;
        }
        double sum = 0;
        for (int v : region) {
            double fx = fitted[3 * v] - cf[0], fy = fitted[3 * v + 1] - cf[1], fz = fitted[3 * v + 2] - cf[2];
            double ax = k * (r[0] * fx + r[1] * fy + r[2] * fz) + ct[0] - truth[3 * v];
            double ay = k * (r[3] * fx + r[4] * fy + r[5] * fz) + ct[1] - truth[3 * v + 1];
            double az = k * (r[6] * fx + r[7] * fy + r[8] * fz) + ct[2] - truth[3 * v + 2];
            sum += Math.sqrt(ax * ax + ay * ay + az * az);
        }
        return sum / n;
    }

    /**
     * Mean pixel distance between the model's landmark vertices of {@code vertices} projected with
     * {@code pose} and {@code reference}; the jaw's far side on its outline vertices under yaw, as the
     * reference was annotated ({@link io.inverseface.core.coarse.JawlineContour#annotatedVertices}).
     */
    public static double landmarkError(FaceModel model, float[] vertices, Pose pose, int width, int height,
                                       Landmarks reference) {
        WeakPerspectiveCamera camera = new WeakPerspectiveCamera(pose, width, height);
        int[] lv = io.inverseface.core.coarse.JawlineContour.annotatedVertices(model, pose.yaw());
        float[] screen = new float[3];
        double sum = 0;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            camera.project(vertices[3 * lv[i]], vertices[3 * lv[i] + 1], vertices[3 * lv[i] + 2], screen, 0);
            sum += Math.hypot(screen[0] - reference.x(i), screen[1] - reference.y(i));
        }
        return sum / Landmarks.COUNT;
    }

    /** |a| in degrees with a wrapped to (−π, π]. */
    private static double angleDeg(double a) {
        return Math.abs(Math.toDegrees(Math.atan2(Math.sin(a), Math.cos(a))));
    }

    /**
     * The rotation R maximising tr(R·S) for the cross-covariance S = Σ f·tᵀ (so that R·f ≈ t), by
     * Horn's quaternion method: the eigenvector of the largest eigenvalue of a symmetric 4×4 matrix
     * (Jacobi iteration; no SVD sign fix-ups needed, the result is always a proper rotation). Row-major
     * 3×3 in and out.
     */
    public static double[] rotationFromCovariance(double[] s) {
        double sxx = s[0], sxy = s[1], sxz = s[2], syx = s[3], syy = s[4], syz = s[5], szx = s[6], szy = s[7], szz = s[8];
        double[][] n = {
                {sxx + syy + szz, syz - szy, szx - sxz, sxy - syx},
                {syz - szy, sxx - syy - szz, sxy + syx, szx + sxz},
                {szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy},
                {sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz}};
        double[][] vec = new double[4][4];
        for (int i = 0; i < 4; i++) {
            vec[i][i] = 1;
        }
        jacobiEigen(n, vec);
        int best = 0;
        for (int i = 1; i < 4; i++) {
            if (n[i][i] > n[best][best]) {
                best = i;
            }
        }
        double w = vec[0][best], x = vec[1][best], y = vec[2][best], z = vec[3][best];
        double len = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= len; x /= len; y /= len; z /= len;
        return new double[] {
                w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y),
                2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x),
                2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z};
    }

    /** Cyclic Jacobi: diagonalises the symmetric {@code a} in place, eigenvectors into the columns of {@code v}. */
    private static void jacobiEigen(double[][] a, double[][] v) {
        int size = a.length;
        for (int sweep = 0; sweep < 64; sweep++) {
            double off = 0, scale = 0;
            for (int p = 0; p < size; p++) {
                scale += a[p][p] * a[p][p];
                for (int q = p + 1; q < size; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * Math.max(scale, 1e-300)) {
                return;
            }
            for (int p = 0; p < size; p++) {
                for (int q = p + 1; q < size; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1), sn = t * c;
                    for (int k = 0; k < size; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < size; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < size; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - sn * vkq;
                        v[k][q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
    }
}
