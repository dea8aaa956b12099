package io.inverseface.benchmarks.fidelity;

/** Where a fit's 68 landmarks come from. */
public enum LandmarkSource {
    /** The scan's landmark points projected into the render: exact, but the jaw points are fixed surface points. */
    GIVEN,
    /** The reconstructor's built-in detector on the render, as for a real photo. */
    DETECTED,
    /**
     * The model's own 68 landmark vertices on its best 3D fit to the scan ({@link ScanModelOracle}),
     * projected into the render: true to the scan's shape and in the model's landmark convention, so a
     * fit from them shows what the image fit does when no convention differs.
     */
    ORACLE
}
