package io.inverseface.optim;

/**
 * Cauchy loss with scale a: ρ(s) = a²·log(1 + s/a²); outliers grow only logarithmically.
 *
 * @param scale a &gt; 0
 */
public record CauchyLoss(double scale) implements Loss {

    public CauchyLoss {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("Cauchy scale must be finite and > 0, got " + scale);
        }
    }

    @Override
    public void evaluate(double s, double[] rho) {
        double b = scale * scale;
        double sum = 1.0 + s / b;
        double inv = 1.0 / sum;
        rho[0] = b * Math.log1p(s / b);
        rho[1] = Math.max(Double.MIN_NORMAL, inv);
        rho[2] = -inv * inv / b;
    }
}
