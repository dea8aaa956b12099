package io.inverseface.benchmarks.fidelity;

/** Where a fit's 68 landmarks come from. */
public enum LandmarkSource {
    /** The scan's landmark points projected into the render: exact, but the jaw points are fixed surface points. */
    GIVEN,
    /** The reconstructor's built-in detector on the render, as for a real photo. */
    DETECTED
}
