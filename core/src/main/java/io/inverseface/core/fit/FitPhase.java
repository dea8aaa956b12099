package io.inverseface.core.fit;

/** The phases of the coarse fit, in the order they run; each frees a different set of {@link FaceBlock}s. */
public enum FitPhase {
    /** Pose, identity and expression from the 68 landmarks alone. */
    LANDMARKS(FaceBlock.POSE, FaceBlock.IDENTITY, FaceBlock.EXPRESSION),
    /** Lighting and albedo with the geometry held fixed. */
    APPEARANCE(FaceBlock.ALBEDO, FaceBlock.LIGHTING),
    /** Every parameter against the photo, coarse to fine. */
    PHOTOMETRIC(FaceBlock.POSE, FaceBlock.IDENTITY, FaceBlock.EXPRESSION, FaceBlock.ALBEDO, FaceBlock.LIGHTING);

    private final java.util.Set<FaceBlock> free;

    FitPhase(FaceBlock... free) {
        this.free = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(java.util.List.of(free)));
    }

    /** The blocks this phase optimises; the others are held constant. */
    public java.util.Set<FaceBlock> freeBlocks() {
        return free;
    }
}
