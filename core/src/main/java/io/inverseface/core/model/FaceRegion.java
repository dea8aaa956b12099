package io.inverseface.core.model;

/** Named vertex subsets of a face model. */
public enum FaceRegion {
    /** The inner face (forehead to chin, cheek to cheek): no neck, no ears. */
    NARROW,
    /** Every vertex of the model. */
    FULL
}
