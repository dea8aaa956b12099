package io.inverseface.optim;

/**
 * Huber loss with scale a: ρ(s) = s for s ≤ a², ρ(s) = 2a·√s − a² beyond, i.e. quadratic for small
 * residuals and linear in ‖r‖ for outliers.
 *
 * @param scale a &gt; 0, the residual norm where the loss turns linear
 */
public record HuberLoss(double scale) implements Loss {

    public HuberLoss {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("Huber scale must be finite and > 0, got " + scale);
        }
    }

    @Override
    public void evaluate(double s, double[] rho) {
        double b = scale * scale;
        if (s > b) {
            double r = Math.sqrt(s);
            rho[0] = 2.0 * scale * r - b;
            rho[1] = Math.max(Double.MIN_NORMAL, scale / r);
            rho[2] = -rho[1] / (2.0 * s);
        } else {
            rho[0] = s;
            rho[1] = 1.0;
            rho[2] = 0.0;
        }
    }
}
