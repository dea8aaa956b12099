package io.inverseface.render;

/**
 * Rigid pose plus isotropic scale of a model in front of a camera.
 *
 * <p>Rotation convention: {@code R = Rz(roll) · Ry(yaw) · Rx(pitch)} (pitch about the world x axis
 * applied first, then yaw about y, then roll about z), angles in radians, right-handed, positive
 * angles rotate counter-clockwise when looking down the axis towards the origin. A world point
 * {@code p} maps to view coordinates {@code q = scale · R · p + (tx, ty, tz)}; how {@code q} becomes a
 * pixel depends on the {@link Camera}. World axes: x to the subject's left (the viewer's right), y up,
 * z towards the viewer.
 *
 * <p>Pose parameters are indexed for Jacobians in the order {@link #PITCH}, {@link #YAW},
 * {@link #ROLL}, {@link #TX}, {@link #TY}, {@link #TZ}, {@link #SCALE}.
 */
public record Pose(double pitch, double yaw, double roll, double tx, double ty, double tz, double scale) {
    public static final int PITCH = 0, YAW = 1, ROLL = 2, TX = 3, TY = 4, TZ = 5, SCALE = 6;
    /** Number of pose parameters (columns of a pose Jacobian). */
    public static final int PARAMETER_COUNT = 7;

    public Pose {
        double[] all = {pitch, yaw, roll, tx, ty, tz, scale};
        for (int i = 0; i < all.length; i++) {
            if (!Double.isFinite(all[i])) {
                throw new IllegalArgumentException("pose parameter " + i + " is not finite: " + all[i]);
            }
        }
        if (scale == 0.0) {
            throw new IllegalArgumentException("pose scale must be non-zero");
        }
    }

    /** Weak-perspective pose (tz = 0): the paper's {@code (pitch, yaw, roll, tx, ty, s)}. */
    public static Pose weakPerspective(double pitch, double yaw, double roll, double tx, double ty, double scale) {
        return new Pose(pitch, yaw, roll, tx, ty, 0.0, scale);
    }

    /** Identity rotation, zero translation, unit scale. */
    public static Pose identity() {
        return new Pose(0, 0, 0, 0, 0, 0, 1);
    }

    /** Parameters as an array in Jacobian column order. */
    public double[] toArray() {
        return new double[] {pitch, yaw, roll, tx, ty, tz, scale};
    }

    /** Inverse of {@link #toArray()}. */
    public static Pose fromArray(double[] p) {
        if (p.length != PARAMETER_COUNT) {
            throw new IllegalArgumentException("pose array needs " + PARAMETER_COUNT + " values, got " + p.length);
        }
        return new Pose(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
    }

    /** This pose's rotation matrix, row-major into {@code out[9]}. */
    public void rotation(double[] out) {
        rotation(pitch, yaw, roll, out);
    }

    /**
     * {@code R = Rz(roll)·Ry(yaw)·Rx(pitch)} row-major into {@code out[9]}.
     * With c/s the cosine/sine of pitch (x), yaw (y), roll (z):
     * <pre>
     * R = [ cz·cy   cz·sy·sx − sz·cx   cz·sy·cx + sz·sx ]
     *     [ sz·cy   sz·sy·sx + cz·cx   sz·sy·cx − cz·sx ]
     *     [ −sy     cy·sx              cy·cx            ]
     * </pre>
     */
    public static void rotation(double pitch, double yaw, double roll, double[] out) {
        double cx = Math.cos(pitch), sx = Math.sin(pitch);
        double cy = Math.cos(yaw), sy = Math.sin(yaw);
        double cz = Math.cos(roll), sz = Math.sin(roll);
        out[0] = cz * cy; out[1] = cz * sy * sx - sz * cx; out[2] = cz * sy * cx + sz * sx;
        out[3] = sz * cy; out[4] = sz * sy * sx + cz * cx; out[5] = sz * sy * cx - cz * sx;
        out[6] = -sy;     out[7] = cy * sx;                out[8] = cy * cx;
    }

    /**
     * Analytic derivatives of {@code R} with respect to pitch, yaw and roll, each row-major 3×3:
     * {@code dR/dpitch = Rz·Ry·dRx}, {@code dR/dyaw = Rz·dRy·Rx}, {@code dR/droll = dRz·Ry·Rx}.
     * Allocation-free.
     */
    public static void rotationDerivatives(double pitch, double yaw, double roll,
                                           double[] dPitch, double[] dYaw, double[] dRoll) {
        double cx = Math.cos(pitch), sx = Math.sin(pitch);
        double cy = Math.cos(yaw), sy = Math.sin(yaw);
        double cz = Math.cos(roll), sz = Math.sin(roll);
        // d/dpitch: differentiate the sx, cx terms (dsx = cx, dcx = −sx).
        dPitch[0] = 0; dPitch[1] = cz * sy * cx + sz * sx; dPitch[2] = -cz * sy * sx + sz * cx;
        dPitch[3] = 0; dPitch[4] = sz * sy * cx - cz * sx; dPitch[5] = -sz * sy * sx - cz * cx;
        dPitch[6] = 0; dPitch[7] = cy * cx;                dPitch[8] = -cy * sx;
        // d/dyaw: dsy = cy, dcy = −sy.
        dYaw[0] = -cz * sy; dYaw[1] = cz * cy * sx; dYaw[2] = cz * cy * cx;
        dYaw[3] = -sz * sy; dYaw[4] = sz * cy * sx; dYaw[5] = sz * cy * cx;
        dYaw[6] = -cy;      dYaw[7] = -sy * sx;     dYaw[8] = -sy * cx;
        // d/droll: dsz = cz, dcz = −sz.
        dRoll[0] = -sz * cy; dRoll[1] = -sz * sy * sx - cz * cx; dRoll[2] = -sz * sy * cx + cz * sx;
        dRoll[3] = cz * cy;  dRoll[4] = cz * sy * sx - sz * cx;  dRoll[5] = cz * sy * cx + sz * sx;
        dRoll[6] = 0;        dRoll[7] = 0;                       dRoll[8] = 0;
    }

    /** {@link #rotationDerivatives(double, double, double, double[], double[], double[])} for this pose. */
    public void rotationDerivatives(double[] dPitch, double[] dYaw, double[] dRoll) {
        rotationDerivatives(pitch, yaw, roll, dPitch, dYaw, dRoll);
    }
}
