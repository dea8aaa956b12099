package io.inverseface.core.fit;

import io.inverseface.render.Pose;

/**
 * The pose part of the kernels' parameter buffer, computed on the host in double once per evaluation:
 * R (9, row-major), ∂R/∂pitch, ∂R/∂yaw, ∂R/∂roll (9 each), then scale, tx, ty at 36..38, the pyramid
 * level's scale at 39 and the {@link Projection}'s 1/f, cx, cy at 45..47 (40..44 are the photo kernel's SH
 * constants). The coefficients follow from {@link #SIZE} on.
 */
public final class PoseFrame {

    /** Floats ahead of the coefficient blocks (the kernels' FRAME_SIZE). */
    public static final int SIZE = 48;

    private PoseFrame() {
    }

    /** Fills {@code params[0..40)} and {@code [45..48)}; false when the pose is not finite. */
    public static boolean fill(double[] pose, double levelScale, Projection projection, float[] params) {
        for (double v : pose) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        double[] r = new double[9], d0 = new double[9], d1 = new double[9], d2 = new double[9];
        Pose.rotation(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], r);
        Pose.rotationDerivatives(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], d0, d1, d2);
        for (int k = 0; k < 9; k++) {
            params[k] = (float) r[k];
            params[9 + k] = (float) d0[k];
            params[18 + k] = (float) d1[k];
            params[27 + k] = (float) d2[k];
        }
        params[36] = (float) pose[PoseBlock.SCALE];
        params[37] = (float) pose[PoseBlock.TX];
        params[38] = (float) pose[PoseBlock.TY];
        params[39] = (float) levelScale;
        params[45] = (float) projection.inverseFocal();
        params[46] = (float) projection.cx();
        params[47] = (float) projection.cy();
        return true;
    }

    /** Appends blocks to {@code params} from {@code offset}; returns the next offset, or −1 for a non-finite value. */
    public static int append(double[] block, float[] params, int offset) {
        for (double v : block) {
            if (!Double.isFinite(v)) {
                return -1;
            }
            params[offset++] = (float) v;
        }
        return offset;
    }
}
