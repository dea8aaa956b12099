package io.inverseface.core.fit;

/** The parameter blocks of the coarse fit, as energy terms name them. */
public enum FaceBlock {
    /** {@link PoseBlock}: pitch, yaw, roll, tx, ty, scale. */
    POSE,
    /** Identity coefficients (the leading {@code identityModes} of the model). */
    IDENTITY,
    /** Expression blendshape weights, bounded by the model's range. */
    EXPRESSION,
    /** Albedo coefficients. */
    ALBEDO,
    /** 27 SH lighting coefficients (9 per channel). */
    LIGHTING
}
