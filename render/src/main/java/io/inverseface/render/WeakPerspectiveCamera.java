package io.inverseface.render;

/**
 * The paper's weak-perspective (scaled orthographic) camera: {@code r = R·p},
 * pixel x = {@code tx + s·r.x}, pixel y = {@code ty − s·r.y} (that is {@code s·Π·R·p + t} with
 * Π = [[1,0,0],[0,1,0]] and the image y axis flipped so that world-up is image-up), depth =
 * {@code −(s·r.z + tz)} (smaller = nearer the viewer). {@code (tx, ty)} is therefore the pixel
 * position of the model origin.
 */
public final class WeakPerspectiveCamera implements Camera {
    private final Pose pose;
    private final int width, height;
    private final double[] r = new double[9];
    private final double[] dPitch = new double[9], dYaw = new double[9], dRoll = new double[9];

    public WeakPerspectiveCamera(Pose pose, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        this.pose = java.util.Objects.requireNonNull(pose, "pose");
        this.width = width;
        this.height = height;
        pose.rotation(r);
        pose.rotationDerivatives(dPitch, dYaw, dRoll);
    }

    @Override public int width() { return width; }
    @Override public int height() { return height; }
    @Override public Pose pose() { return pose; }
    @Override public boolean perspective() { return false; }
    @Override public double nearDepth() { return Double.NEGATIVE_INFINITY; }

    @Override
    public Camera withPose(Pose newPose) {
        return new WeakPerspectiveCamera(newPose, width, height);
    }

    @Override
    public void project(double x, double y, double z, float[] out, int offset) {
        double s = pose.scale();
        out[offset] = (float) (pose.tx() + s * (r[0] * x + r[1] * y + r[2] * z));
        out[offset + 1] = (float) (pose.ty() - s * (r[3] * x + r[4] * y + r[5] * z));
        out[offset + 2] = (float) (-(s * (r[6] * x + r[7] * y + r[8] * z) + pose.tz()));
    }

    @Override
    public void unproject(double px, double py, double depth, double[] worldOut) {
        double s = pose.scale();
        double rx = (px - pose.tx()) / s, ry = (pose.ty() - py) / s, rz = -(depth + pose.tz()) / s;
        // p = Rᵀ·r
        worldOut[0] = r[0] * rx + r[3] * ry + r[6] * rz;
        worldOut[1] = r[1] * rx + r[4] * ry + r[7] * rz;
        worldOut[2] = r[2] * rx + r[5] * ry + r[8] * rz;
    }

    @Override
    public void pointJacobian(double x, double y, double z, double[] out) {
        double s = pose.scale();
        out[0] = s * r[0]; out[1] = s * r[1]; out[2] = s * r[2];
        out[3] = -s * r[3]; out[4] = -s * r[4]; out[5] = -s * r[5];
    }

    @Override
    public void poseJacobian(double x, double y, double z, double[] out) {
        double s = pose.scale();
        int n = Pose.PARAMETER_COUNT;
        out[Pose.PITCH] = s * (dPitch[0] * x + dPitch[1] * y + dPitch[2] * z);
        out[n + Pose.PITCH] = -s * (dPitch[3] * x + dPitch[4] * y + dPitch[5] * z);
        out[Pose.YAW] = s * (dYaw[0] * x + dYaw[1] * y + dYaw[2] * z);
        out[n + Pose.YAW] = -s * (dYaw[3] * x + dYaw[4] * y + dYaw[5] * z);
        out[Pose.ROLL] = s * (dRoll[0] * x + dRoll[1] * y + dRoll[2] * z);
        out[n + Pose.ROLL] = -s * (dRoll[3] * x + dRoll[4] * y + dRoll[5] * z);
        out[Pose.TX] = 1; out[n + Pose.TX] = 0;
        out[Pose.TY] = 0; out[n + Pose.TY] = 1;
        out[Pose.TZ] = 0; out[n + Pose.TZ] = 0;
        out[Pose.SCALE] = r[0] * x + r[1] * y + r[2] * z;
        out[n + Pose.SCALE] = -(r[3] * x + r[4] * y + r[5] * z);
    }

    @Override
    public void rotateToView(double x, double y, double z, double[] out) {
        out[0] = r[0] * x + r[1] * y + r[2] * z;
        out[1] = r[3] * x + r[4] * y + r[5] * z;
        out[2] = r[6] * x + r[7] * y + r[8] * z;
    }
}
