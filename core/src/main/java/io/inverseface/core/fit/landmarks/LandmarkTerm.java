package io.inverseface.core.fit.landmarks;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.fit.Projection;
import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.optim.device.DeviceTerm;
import io.inverseface.optim.device.DeviceTermEvaluator;
import io.inverseface.render.Pose;

/**
 * Landmark reprojection {@code E_lan = 1/|F| Σ_i ‖f_i − (Π·s·R·V_i + t)‖² / d²}: each of the |F|
 * detected 2D landmarks f_i pulls the projection of its model vertex V_i. Dividing by the
 * inter-ocular distance d makes the weight independent of the image resolution (1 px of error on
 * a face 100 px between the eyes is a residual of 0.01).
 *
 * <p>A landmark on a sliding outline (a jaw point on the face outline) only says where the outline
 * is, not where along it the vertex sits: given a unit 2D normal {@code n_i} of the projected
 * contour, its residual is {@code n_i·(proj − f_i)} (point-to-curve) and the second residual is zero.
 *
 * <p>The projection Π is the weak perspective {@code u = tx + s·(R·V)_x} or, given a
 * {@link Projection} with a focal length, the pinhole it describes.
 *
 * <p>Blocks: pose (6, see {@link PoseBlock}), identity (K_id), expression (K_exp). Residuals:
 * {@code 2·|F|}, interleaved x, y. The vertex of each landmark is fixed for the life of the term;
 * the fitter builds a new term when the jaw contour slides.
 */
public final class LandmarkTerm implements DeviceTerm {

    private final VertexMajorBases bases;
    private final int[] vertices;
    private final double[] targets;
    private final double[] pointWeights;
    private final double[] normals;
    private final double scale;
    private final Projection projection;

    /**
     * @param vertices       model vertex per landmark
     * @param targets        interleaved x, y image positions (full-resolution pixels), 2 per vertex
     * @param pointWeights   per-landmark weights (1 = normal, 0 = ignored), or null for all 1
     * @param normaliser     the distance d the residuals are divided by (e.g. the inter-ocular distance)
     */
    public LandmarkTerm(VertexMajorBases bases, int[] vertices, double[] targets, double[] pointWeights,
                        double normaliser) {
        this(bases, vertices, targets, pointWeights, null, normaliser);
    }

    /**
     * @param normals per landmark a unit 2D contour normal (point-to-curve residual), or (0, 0) for an
     *                ordinary point; null for none
     */
    public LandmarkTerm(VertexMajorBases bases, int[] vertices, double[] targets, double[] pointWeights,
                        double[] normals, double normaliser) {
        this(bases, vertices, targets, pointWeights, normals, normaliser, Projection.weakPerspective());
    }

    /** @param projection the camera model (weak perspective or a pinhole, see {@link Projection}) */
    public LandmarkTerm(VertexMajorBases bases, int[] vertices, double[] targets, double[] pointWeights,
                        double[] normals, double normaliser, Projection projection) {
        this.projection = java.util.Objects.requireNonNull(projection, "projection");
        if (targets.length != 2 * vertices.length) {
            throw new IllegalArgumentException("need 2 target coordinates per vertex: " + vertices.length
                    + " vertices, " + targets.length + " coordinates");
        }
        if (!(normaliser > 0) || !Double.isFinite(normaliser)) {
            throw new IllegalArgumentException("normaliser must be positive, got " + normaliser);
        }
        this.bases = bases;
        this.vertices = vertices.clone();
        this.targets = targets.clone();
        this.pointWeights = pointWeights == null ? null : pointWeights.clone();
        if (normals != null && normals.length != 2 * vertices.length) {
            throw new IllegalArgumentException("need 2 normal components per landmark");
        }
        this.normals = normals == null ? null : normals.clone();
        this.scale = 1.0 / (normaliser * Math.sqrt(vertices.length));
    }

    @Override
    public String name() {
        return "landmarks";
    }

    @Override
    public int residualCount() {
        return 2 * vertices.length;
    }

    @Override
    public int[] blockSizes() {
        return new int[] {PoseBlock.SIZE, bases.identityCount(), bases.expressionCount()};
    }

    @Override
    public DeviceTermEvaluator bindTo(ComputeDevice device) {
        int n = vertices.length;
        float[] t = new float[2 * n], w = new float[n], nrm = new float[2 * n];
        for (int i = 0; i < n; i++) {
            t[2 * i] = (float) targets[2 * i];
            t[2 * i + 1] = (float) targets[2 * i + 1];
            w[i] = (float) (scale * (pointWeights == null ? 1.0 : pointWeights[i]));
            if (normals != null) {
                nrm[2 * i] = (float) normals[2 * i];
                nrm[2 * i + 1] = (float) normals[2 * i + 1];
            }
        }
        return new LandmarkDeviceEvaluator(device, bases, vertices, t, w, nrm, projection);
    }

    @Override
    public boolean evaluate(double[][] blocks, double[] residuals, double[][] jacobians) {
        double[] pose = blocks[0];
        double s = pose[PoseBlock.SCALE];
        double[] r = new double[9], dp = new double[9], dy = new double[9], dr = new double[9];
        Pose.rotation(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], r);
        boolean wantJ = jacobians != null;
        if (wantJ) {
            Pose.rotationDerivatives(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], dp, dy, dr);
        }
        double[] p = new double[3];
        float[] modes = bases.shapeModes();
        int kId = bases.identityCount(), k = bases.shapeModeCount();
        double invF = projection.inverseFocal(), cx = projection.cx(), cy = projection.cy();
        for (int i = 0; i < vertices.length; i++) {
            int v = vertices[i];
            bases.position(v, blocks[1], blocks[2], p, 0);
            double rx = r[0] * p[0] + r[1] * p[1] + r[2] * p[2];
            double ry = r[3] * p[0] + r[4] * p[1] + r[5] * p[2];
            double rz = r[6] * p[0] + r[7] * p[1] + r[8] * p[2];
            // Projection: u = cx + k·a, v = cy + k·b, k = 1/(1 − s·q_z/f) (k = 1 for weak perspective).
            double a = pose[PoseBlock.TX] + s * rx - cx, b = pose[PoseBlock.TY] - s * ry - cy;
            double kk = 1.0 / (1.0 - s * rz * invF), g = kk * kk * invF;
            double w = scale * (pointWeights == null ? 1.0 : pointWeights[i]);
            residuals[2 * i] = w * (cx + kk * a - targets[2 * i]);
            residuals[2 * i + 1] = w * (cy + kk * b - targets[2 * i + 1]);
            boolean curve = normals != null && (normals[2 * i] != 0 || normals[2 * i + 1] != 0);
            if (curve) {
                residuals[2 * i] = normals[2 * i] * residuals[2 * i] + normals[2 * i + 1] * residuals[2 * i + 1];
                residuals[2 * i + 1] = 0;
            }
            if (!wantJ) {
                continue;
            }
            double[] jp = jacobians[0];
            if (jp != null) {
                int ox = 2 * i * PoseBlock.SIZE, oy = ox + PoseBlock.SIZE;
                double[][] dR = {dp, dy, dr};
                int[] col = {PoseBlock.PITCH, PoseBlock.YAW, PoseBlock.ROLL};
                for (int j = 0; j < 3; j++) {
                    double[] d = dR[j];
                    double dz = s * (d[6] * p[0] + d[7] * p[1] + d[8] * p[2]);
                    jp[ox + col[j]] = w * (kk * s * (d[0] * p[0] + d[1] * p[1] + d[2] * p[2]) + a * g * dz);
                    jp[oy + col[j]] = w * (-kk * s * (d[3] * p[0] + d[4] * p[1] + d[5] * p[2]) + b * g * dz);
                }
                jp[ox + PoseBlock.TX] = w * kk;
                jp[oy + PoseBlock.TX] = 0;
                jp[ox + PoseBlock.TY] = 0;
                jp[oy + PoseBlock.TY] = w * kk;
                jp[ox + PoseBlock.SCALE] = w * (kk * rx + a * g * rz);
                jp[oy + PoseBlock.SCALE] = w * (-kk * ry + b * g * rz);
            }
            // ∂u/∂c_k = w·s·(k·R₀ + a·g·R₂)·m_k(v), ∂v/∂c_k = w·s·(−k·R₁ + b·g·R₂)·m_k(v) for every shape mode m_k.
            int base = bases.shapeOffset(v);
            double ax = w * s * (kk * r[0] + a * g * r[6]), ay = w * s * (kk * r[1] + a * g * r[7]), az = w * s * (kk * r[2] + a * g * r[8]);
            double bx = w * s * (-kk * r[3] + b * g * r[6]), by = w * s * (-kk * r[4] + b * g * r[7]), bz = w * s * (-kk * r[5] + b * g * r[8]);
            double[] ji = jacobians[1];
            if (ji != null) {
                int ox = 2 * i * kId, oy = ox + kId;
                for (int c = 0; c < kId; c++) {
                    int q = base + 3 * c;
                    ji[ox + c] = ax * modes[q] + ay * modes[q + 1] + az * modes[q + 2];
                    ji[oy + c] = bx * modes[q] + by * modes[q + 1] + bz * modes[q + 2];
                }
            }
            double[] je = jacobians[2];
            if (je != null) {
                int kExp = k - kId;
                int ox = 2 * i * kExp, oy = ox + kExp;
                for (int c = 0; c < kExp; c++) {
                    int q = base + 3 * (kId + c);
                    je[ox + c] = ax * modes[q] + ay * modes[q + 1] + az * modes[q + 2];
                    je[oy + c] = bx * modes[q] + by * modes[q + 1] + bz * modes[q + 2];
                }
            }
            if (curve) {
                projectRows(jacobians, i);
            }
        }
        return true;
    }

    /** Rows (x, y) of landmark i become (n·J, 0) for a point-to-curve residual. */
    private void projectRows(double[][] jacobians, int i) {
        double nx = normals[2 * i], ny = normals[2 * i + 1];
        for (double[] j : jacobians) {
            if (j == null) {
                continue;
            }
            int cols = j.length / residualCount();
            int ox = 2 * i * cols, oy = ox + cols;
            for (int c = 0; c < cols; c++) {
                j[ox + c] = nx * j[ox + c] + ny * j[oy + c];
                j[oy + c] = 0;
            }
        }
    }
}
