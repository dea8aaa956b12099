package io.inverseface.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A linear model {@code x = mean + Σ_k c_k · mode_k} over a vector of dimension {@code D}, with
 * modes stored compactly as one float array, mode-major ({@code modes[k·D + i]}), so that
 * accumulating a mode is a loop over contiguous floats. Coefficients multiply the modes directly;
 * their prior is {@code c_k ~ N(0, σ_k²)}. Immutable: accessors return copies, except the
 * element getters meant for hot loops.
 */
public final class Basis {
    private final float[] mean;
    private final float[] modes;
    private final double[] sigma;
    private final List<String> names;

    /**
     * @param mean  the mean vector (length D)
     * @param modes the modes, mode-major (length K·D)
     * @param sigma prior standard deviation of each coefficient (length K)
     * @param names mode names (length K), or null for none
     */
    public Basis(float[] mean, float[] modes, double[] sigma, List<String> names) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(modes, "modes");
        Objects.requireNonNull(sigma, "sigma");
        if (modes.length != (long) sigma.length * mean.length) {
            throw new IllegalArgumentException("modes length " + modes.length + " != " + sigma.length + " modes × " + mean.length);
        }
        if (names != null && names.size() != sigma.length) {
            throw new IllegalArgumentException(names.size() + " names for " + sigma.length + " modes");
        }
        this.mean = mean.clone();
        this.modes = modes.clone();
        this.sigma = sigma.clone();
        this.names = names == null ? List.of() : List.copyOf(names);
    }

    /** Length D of the modelled vector. */
    public int dimension() {
        return mean.length;
    }

    /** Number of modes K. */
    public int modeCount() {
        return sigma.length;
    }

    /** A copy of the mean. */
    public float[] mean() {
        return mean.clone();
    }

    /** A copy of all modes, mode-major. */
    public float[] modes() {
        return modes.clone();
    }

    /** A copy of mode {@code k}. */
    public float[] mode(int k) {
        return Arrays.copyOfRange(modes, k * mean.length, (k + 1) * mean.length);
    }

    /** Component {@code i} of mode {@code k} (for Jacobians; no copy). */
    public float modeValue(int k, int i) {
        return modes[k * mean.length + i];
    }

    /** Component {@code i} of the mean (no copy). */
    public float meanValue(int i) {
        return mean[i];
    }

    /** A copy of the prior standard deviations. */
    public double[] sigma() {
        return sigma.clone();
    }

    public double sigma(int k) {
        return sigma[k];
    }

    /** Mode names (empty when the modes are anonymous). */
    public List<String> names() {
        return names;
    }

    /** {@code mean + Σ c_k mode_k} into a new array. */
    public float[] evaluate(double[] coefficients) {
        float[] out = new float[mean.length];
        evaluate(coefficients, out);
        return out;
    }

    /** {@code out = mean + Σ c_k mode_k}, allocation-free. */
    public void evaluate(double[] coefficients, float[] out) {
        checkOut(out);
        System.arraycopy(mean, 0, out, 0, mean.length);
        accumulate(coefficients, out);
    }

    /**
     * {@code out += Σ c_k mode_k} over the first {@code coefficients.length} modes (fewer than K
     * is allowed). Loops over modes outside and contiguous components inside.
     */
    public void accumulate(double[] coefficients, float[] out) {
        Objects.requireNonNull(coefficients, "coefficients");
        checkOut(out);
        if (coefficients.length > sigma.length) {
            throw new IllegalArgumentException(coefficients.length + " coefficients for " + sigma.length + " modes");
        }
        int d = mean.length;
        for (int k = 0; k < coefficients.length; k++) {
            if (!Double.isFinite(coefficients[k])) {
                throw new IllegalArgumentException("coefficient " + k + " is not finite: " + coefficients[k]);
            }
        }
        int k = 0;
        // Four modes per sweep: out is read and written a quarter as often; the inner loop stays
        // over contiguous floats so the JIT vectorises it.
        for (; k + 3 < coefficients.length; k += 4) {
            float c0 = (float) coefficients[k], c1 = (float) coefficients[k + 1];
            float c2 = (float) coefficients[k + 2], c3 = (float) coefficients[k + 3];
            if (c0 == 0f && c1 == 0f && c2 == 0f && c3 == 0f) {
                continue;
            }
            int o0 = k * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
            for (int i = 0; i < d; i++) {
                out[i] += c0 * modes[o0 + i] + c1 * modes[o1 + i] + c2 * modes[o2 + i] + c3 * modes[o3 + i];
            }
        }
        for (; k < coefficients.length; k++) {
            float c = (float) coefficients[k];
            if (c == 0f) {
                continue;
            }
            int off = k * d;
            for (int i = 0; i < d; i++) {
                out[i] += c * modes[off + i];
            }
        }
    }

    private void checkOut(float[] out) {
        Objects.requireNonNull(out, "out");
        if (out.length != mean.length) {
            throw new IllegalArgumentException("output length " + out.length + " != dimension " + mean.length);
        }
    }
}
