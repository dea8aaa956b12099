package io.inverseface.render;

/**
 * Pinhole perspective camera at the view-frame origin looking down −z with y up. A world point maps to
 * view coordinates {@code q = s·R·p + t}; with depth {@code d = −q.z} (positive in front):
 * pixel x = {@code cx + f·q.x/d}, pixel y = {@code cy − f·q.y/d} (image y goes down).
 * {@code f} is the focal length in pixels, {@code (cx, cy)} the principal point in pixel coordinates
 * (the image centre is {@code (width/2, height/2)}). Triangles with a vertex nearer than
 * {@link #nearDepth()} are dropped by the rasterizer.
 */
public final class PinholeCamera implements Camera {
    private final Pose pose;
    private final double focal, cx, cy, near;
    private final int width, height;
    private final double[] r = new double[9];
    private final double[] dPitch = new double[9], dYaw = new double[9], dRoll = new double[9];

    public PinholeCamera(Pose pose, double focalPixels, double cx, double cy, int width, int height, double nearDepth) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (!(focalPixels > 0) || !Double.isFinite(focalPixels)) {
            throw new IllegalArgumentException("focal length must be positive and finite, got " + focalPixels);
        }
        if (!Double.isFinite(cx) || !Double.isFinite(cy)) {
            throw new IllegalArgumentException("principal point must be finite, got " + cx + ", " + cy);
        }
        if (!(nearDepth > 0) || !Double.isFinite(nearDepth)) {
            throw new IllegalArgumentException("near depth must be positive and finite, got " + nearDepth);
        }
        this.pose = java.util.Objects.requireNonNull(pose, "pose");
        this.focal = focalPixels;
        this.cx = cx;
        this.cy = cy;
        this.width = width;
        this.height = height;
        this.near = nearDepth;
        pose.rotation(r);
        pose.rotationDerivatives(dPitch, dYaw, dRoll);
    }

    /** Principal point at the image centre, near plane at depth 1e-3. */
    public PinholeCamera(Pose pose, double focalPixels, int width, int height) {
        this(pose, focalPixels, width / 2.0, height / 2.0, width, height, 1e-3);
    }

    public double focalPixels() { return focal; }
    public double principalX() { return cx; }
    public double principalY() { return cy; }

    @Override public int width() { return width; }
    @Override public int height() { return height; }
    @Override public Pose pose() { return pose; }
    @Override public boolean perspective() { return true; }
    @Override public double nearDepth() { return near; }

    @Override
    public Camera withPose(Pose newPose) {
        return new PinholeCamera(newPose, focal, cx, cy, width, height, near);
    }

    @Override
    public void project(double x, double y, double z, float[] out, int offset) {
        double s = pose.scale();
        double qx = s * (r[0] * x + r[1] * y + r[2] * z) + pose.tx();
        double qy = s * (r[3] * x + r[4] * y + r[5] * z) + pose.ty();
        double d = -(s * (r[6] * x + r[7] * y + r[8] * z) + pose.tz());
        out[offset] = (float) (cx + focal * qx / d);
        out[offset + 1] = (float) (cy - focal * qy / d);
        out[offset + 2] = (float) d;
    }

    @Override
    public void unproject(double px, double py, double depth, double[] worldOut) {
        double s = pose.scale();
        double qx = (px - cx) * depth / focal - pose.tx();
        double qy = -(py - cy) * depth / focal - pose.ty();
        double qz = -depth - pose.tz();
        worldOut[0] = (r[0] * qx + r[3] * qy + r[6] * qz) / s;
        worldOut[1] = (r[1] * qx + r[4] * qy + r[7] * qz) / s;
        worldOut[2] = (r[2] * qx + r[5] * qy + r[8] * qz) / s;
    }

    @Override
    public void pointJacobian(double x, double y, double z, double[] out) {
        double s = pose.scale();
        double qx = s * (r[0] * x + r[1] * y + r[2] * z) + pose.tx();
        double qy = s * (r[3] * x + r[4] * y + r[5] * z) + pose.ty();
        double d = -(s * (r[6] * x + r[7] * y + r[8] * z) + pose.tz());
        // d(pixel)/dq: [f/d, 0, f·qx/d²; 0, −f/d, −f·qy/d²]; dq/dp = s·R.
        double a0 = focal / d, a2 = focal * qx / (d * d);
        double b1 = -focal / d, b2 = -focal * qy / (d * d);
        for (int j = 0; j < 3; j++) {
            out[j] = s * (a0 * r[j] + a2 * r[6 + j]);
            out[3 + j] = s * (b1 * r[3 + j] + b2 * r[6 + j]);
        }
    }

    @Override
    public void poseJacobian(double x, double y, double z, double[] out) {
        double s = pose.scale();
        double rx = r[0] * x + r[1] * y + r[2] * z;
        double ry = r[3] * x + r[4] * y + r[5] * z;
        double rz = r[6] * x + r[7] * y + r[8] * z;
        double qx = s * rx + pose.tx(), qy = s * ry + pose.ty();
        double d = -(s * rz + pose.tz());
        double a0 = focal / d, a2 = focal * qx / (d * d);
        double b1 = -focal / d, b2 = -focal * qy / (d * d);
        int n = Pose.PARAMETER_COUNT;
        angleColumn(Pose.PITCH, dPitch, x, y, z, s, a0, a2, b1, b2, out);
        angleColumn(Pose.YAW, dYaw, x, y, z, s, a0, a2, b1, b2, out);
        angleColumn(Pose.ROLL, dRoll, x, y, z, s, a0, a2, b1, b2, out);
        // dq/dt = I
        out[Pose.TX] = a0; out[n + Pose.TX] = 0;
        out[Pose.TY] = 0; out[n + Pose.TY] = b1;
        out[Pose.TZ] = a2; out[n + Pose.TZ] = b2;
        // dq/ds = R·p
        out[Pose.SCALE] = a0 * rx + a2 * rz;
        out[n + Pose.SCALE] = b1 * ry + b2 * rz;
    }

    private static void angleColumn(int col, double[] dr, double x, double y, double z, double s,
                                    double a0, double a2, double b1, double b2, double[] out) {
        double dqx = s * (dr[0] * x + dr[1] * y + dr[2] * z);
        double dqy = s * (dr[3] * x + dr[4] * y + dr[5] * z);
        double dqz = s * (dr[6] * x + dr[7] * y + dr[8] * z);
        out[col] = a0 * dqx + a2 * dqz;
        out[Pose.PARAMETER_COUNT + col] = b1 * dqy + b2 * dqz;
    }

    @Override
    public void rotateToView(double x, double y, double z, double[] out) {
        out[0] = r[0] * x + r[1] * y + r[2] * z;
        out[1] = r[3] * x + r[4] * y + r[5] * z;
        out[2] = r[6] * x + r[7] * y + r[8] * z;
    }
}
