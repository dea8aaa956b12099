package io.inverseface.optim;

/**
 * A robust loss ρ(s) applied to the squared norm {@code s = ‖r‖²} of one term's residuals, so that
 * the term contributes {@code ½·weight·ρ(s)} to the cost (Ceres' LossFunction convention).
 * Implementations: {@link HuberLoss}, {@link CauchyLoss}.
 */
public interface Loss {

    /**
     * Writes {@code rho[0] = ρ(s)}, {@code rho[1] = ρ'(s)}, {@code rho[2] = ρ''(s)} for {@code s ≥ 0}.
     * Must satisfy ρ(0) = 0, ρ'(0) = 1 and ρ'(s) > 0.
     */
    void evaluate(double s, double[] rho);
}
