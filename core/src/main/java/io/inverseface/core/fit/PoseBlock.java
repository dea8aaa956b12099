package io.inverseface.core.fit;

import io.inverseface.render.Pose;

/**
 * The weak-perspective pose as the solver sees it: a 6-vector {@code (pitch, yaw, roll, tx, ty, s)}
 * (radians, full-resolution pixels, pixels per millimetre). Pixel coordinates of a model point p are
 * {@code u = tx + s·(R p)_x}, {@code v = ty − s·(R p)_y} (the {@link io.inverseface.render.WeakPerspectiveCamera}).
 */
public final class PoseBlock {
    public static final int SIZE = 6;
    public static final int PITCH = 0, YAW = 1, ROLL = 2, TX = 3, TY = 4, SCALE = 5;

    private PoseBlock() {
    }

    public static double[] of(Pose pose) {
        return new double[] {pose.pitch(), pose.yaw(), pose.roll(), pose.tx(), pose.ty(), pose.scale()};
    }

    public static Pose toPose(double[] block) {
        return Pose.weakPerspective(block[PITCH], block[YAW], block[ROLL], block[TX], block[TY], block[SCALE]);
    }
}
