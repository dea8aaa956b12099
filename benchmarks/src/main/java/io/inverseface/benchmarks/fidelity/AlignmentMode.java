package io.inverseface.benchmarks.fidelity;

/** How a reconstruction is aligned to the scan before measuring: rotation + translation, or also one scale. */
public enum AlignmentMode {
    /** Rotation and translation: errors include the reconstruction's absolute size. */
    RIGID,
    /** Rotation, translation and isotropic scale: errors of shape only (the scan's own mm scale is ±5 %). */
    SIMILARITY;

    public boolean withScale() {
        return this == SIMILARITY;
    }
}
