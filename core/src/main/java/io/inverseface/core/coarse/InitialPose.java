package io.inverseface.core.coarse;

import io.inverseface.render.Pose;
import org.ejml.simple.SimpleMatrix;
import org.ejml.simple.SimpleSVD;

/**
 * Closed-form weak-perspective pose from 2D–3D correspondences (the "gold standard" affine camera
 * of Hartley &amp; Zisserman, then the nearest scaled rotation). With {@code u = tx + s·r₀·p},
 * {@code −v = −ty + s·r₁·p}, the 2×4 affine map {@code [A | t]} is solved by linear least squares,
 * then {@code A = U Σ Vᵀ} gives {@code [r₀; r₁] = U·Vᵀ₂ₓ₃} and {@code s = (σ₁ + σ₂)/2}.
 */
public final class InitialPose {

    private InitialPose() {
    }

    /**
     * @param modelPoints xyz per point (model millimetres)
     * @param imagePoints interleaved x, y per point (pixels, y down)
     * @param weights     per-point weights (0 leaves a point out), or null for all 1
     * @return the pose; throws when fewer than 4 points carry weight or they are degenerate
     */
    public static Pose estimate(double[] modelPoints, double[] imagePoints, double[] weights) {
        int n = modelPoints.length / 3;
        if (imagePoints.length != 2 * n) {
            throw new IllegalArgumentException("need one image point per model point");
        }
        SimpleMatrix a = new SimpleMatrix(2 * n, 8);
        SimpleMatrix b = new SimpleMatrix(2 * n, 1);
        int used = 0;
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1.0 : Math.sqrt(Math.max(0, weights[i]));
            if (w == 0) {
                continue;
            }
            used++;
            for (int d = 0; d < 3; d++) {
                a.set(2 * i, d, w * modelPoints[3 * i + d]);
                a.set(2 * i + 1, 4 + d, w * modelPoints[3 * i + d]);
            }
            a.set(2 * i, 3, w);
            a.set(2 * i + 1, 7, w);
            b.set(2 * i, 0, w * imagePoints[2 * i]);
            b.set(2 * i + 1, 0, -w * imagePoints[2 * i + 1]);
        }
        if (used < 4) {
            throw new IllegalArgumentException("need at least 4 weighted points for a pose, got " + used);
        }
        SimpleMatrix x = a.solve(b);
        SimpleMatrix affine = new SimpleMatrix(2, 3);
        for (int d = 0; d < 3; d++) {
            affine.set(0, d, x.get(d, 0));
            affine.set(1, d, x.get(4 + d, 0));
        }
        SimpleSVD<SimpleMatrix> svd = affine.svd(true);
        SimpleMatrix u = svd.getU();
        SimpleMatrix v = svd.getV();
        double s1 = svd.getSingleValue(0), s2 = svd.getSingleValue(1);
        if (!(s2 > 1e-9 * s1)) {
            throw new IllegalArgumentException("degenerate landmark configuration: points are collinear");
        }
        // Nearest matrix with orthonormal rows: U·[I 0]·Vᵀ (U is 2×2, V is 3×3).
        SimpleMatrix rows = u.mult(v.extractMatrix(0, 3, 0, 2).transpose());
        double[] r0 = {rows.get(0, 0), rows.get(0, 1), rows.get(0, 2)};
        double[] r1 = {rows.get(1, 0), rows.get(1, 1), rows.get(1, 2)};
        double[] r2 = {r0[1] * r1[2] - r0[2] * r1[1], r0[2] * r1[0] - r0[0] * r1[2], r0[0] * r1[1] - r0[1] * r1[0]};
        // R = Rz(roll)·Ry(yaw)·Rx(pitch): R[2][0] = −sin(yaw), R[2][1] = cos(yaw)·sin(pitch), R[1][0] = sin(roll)·cos(yaw).
        double yaw = Math.asin(Math.max(-1, Math.min(1, -r2[0])));
        double pitch = Math.atan2(r2[1], r2[2]);
        double roll = Math.atan2(r1[0], r0[0]);
        double scale = 0.5 * (s1 + s2);
        return Pose.weakPerspective(pitch, yaw, roll, x.get(3, 0), -x.get(7, 0), scale);
    }
}
