package io.inverseface.core.fit;

/** The checks every built-in energy applies to its weights, with one error wording. */
public final class EnergyWeights {

    private EnergyWeights() {
    }

    /** A weight must be finite and ≥ 0. */
    public static void check(String energy, String what, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(energy + ": " + what + " must be finite and >= 0, got " + value);
        }
    }

    /** A Huber threshold must be ≥ 0 (0: plain least squares; +∞ allowed). */
    public static void checkThreshold(String energy, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(energy + ": robustThreshold must be >= 0, got " + value);
        }
    }
}
