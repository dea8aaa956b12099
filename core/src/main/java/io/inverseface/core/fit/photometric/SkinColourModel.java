package io.inverseface.core.fit.photometric;

import java.util.Arrays;

/**
 * How the photo's colours differ from the fitted face's where the face shows skin, fitted per photo, so
 * that hair, beards, glasses, hats, hands, tongues and background inside the face's outline can be told
 * from skin and kept out of the photometric and detail terms. A Gaussian over the residual of an observed
 * colour I against the colour S that the fit predicts there (the coarse albedo, lit):
 * <pre>
 *   x = ( c_r(I) − c_r(S),  c_g(I) − c_g(S),  ln(ΣI / ΣS) ),   c = (r, g) / (r + g + b)
 * </pre>
 * Comparing with the fitted albedo rather than with one skin colour keeps lips and cheeks, which the
 * albedo already makes redder; the brightness ratio separates dark hair and cast shadows, whose hue is
 * often close to skin's.
 *
 * <p>Fitted robustly, since a fringe or a beard can cover a large part of the face: the start is the
 * coordinate-wise median and the median absolute deviation, then three rounds of mean and covariance over
 * the samples inside the 97.5 % contour ({@code d² ≤ 9.35}) of the previous round, the covariance divided
 * by 0.87, the variance a Gaussian keeps inside that contour. A pixel's chromaticity is noisier the darker it is (pixel noise
 * {@value #PIXEL_NOISE} over the brightness), and that noise widens the distribution for it.
 *
 * <p>{@link #probability} maps the squared Mahalanobis distance {@code d²} to {@code 1/(1 + e^{(d² − χ²)/2})}
 * with {@code χ² = 11.34}, the 99 % quantile of {@code χ²(3)}: near 1 within two σ, 0.5 on the 99 % contour.
 *
 * @param mean       mean residual (3)
 * @param covariance its covariance, row-major (3×3)
 */
public record SkinColourModel(double[] mean, double[] covariance) {

    /** Fewest samples a skin colour is fitted to; below it every sample counts as skin. */
    public static final int MIN_SAMPLES = 30;
    /** Per-channel pixel noise (JPEG, sensor) that makes dark pixels' chromaticity uncertain. */
    static final double PIXEL_NOISE = 0.01;
    /** Smallest standard deviations of the residual: chromaticity, and the log brightness ratio. */
    static final double MIN_CHROMA_SIGMA = 0.005, MIN_BRIGHTNESS_SIGMA = 0.05;
    static final double CHI2_99 = 11.34;
    private static final double INLIER_D2 = 9.35;
    private static final double TRUNCATION = 0.87;

    public SkinColourModel {
        if (mean.length != 3 || covariance.length != 9) {
            throw new IllegalArgumentException("a skin colour model has a 3-vector mean and a 3×3 covariance");
        }
        mean = mean.clone();
        covariance = covariance.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] covariance() {
        return covariance.clone();
    }

    /** Fits the model to observed and predicted colours (3 per sample each, in [0, 1]). */
    public static SkinColourModel fit(double[] observed, double[] predicted) {
        int n = observed.length / 3;
        if (n < 4 || predicted.length != observed.length) {
            throw new IllegalArgumentException("need at least 4 samples, observed and predicted alike, to fit a skin "
                    + "colour; got " + n + " and " + predicted.length / 3);
        }
        double[][] x = new double[3][n];
        double[] residual = new double[3];
        for (int i = 0; i < n; i++) {
            features(observed[3 * i], observed[3 * i + 1], observed[3 * i + 2], predicted[3 * i], predicted[3 * i + 1],
                    predicted[3 * i + 2], residual);
            for (int k = 0; k < 3; k++) {
                x[k][i] = residual[k];
            }
        }
        double[] mean = new double[3], cov = new double[9];
        for (int k = 0; k < 3; k++) {
            mean[k] = median(x[k]);
            double sigma = Math.max(floor(k), 1.4826 * mad(x[k], mean[k])); // 1.4826·MAD estimates σ
            cov[4 * k] = sigma * sigma;
        }
        SkinColourModel model = new SkinColourModel(mean, cov);
        double[] w = new double[n], xi = new double[3];
        for (int iteration = 0; iteration < 3; iteration++) {
            double sw = 0;
            Arrays.fill(mean, 0);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) {
                    xi[k] = x[k][i];
                }
                w[i] = model.distance2(xi, 0) <= INLIER_D2 ? 1.0 : 0.0;
                sw += w[i];
                for (int k = 0; k < 3; k++) {
                    mean[k] += w[i] * xi[k];
                }
            }
            if (sw < 4) { // nothing left inside: keep the previous round's model
                break;
            }
            for (int k = 0; k < 3; k++) {
                mean[k] /= sw;
            }
            Arrays.fill(cov, 0);
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        cov[3 * a + b] += w[i] * (x[a][i] - mean[a]) * (x[b][i] - mean[b]);
                    }
                }
            }
            for (int k = 0; k < 9; k++) {
                cov[k] /= sw * TRUNCATION;
            }
            for (int k = 0; k < 3; k++) {
                cov[4 * k] = Math.max(cov[4 * k], floor(k) * floor(k));
            }
            model = new SkinColourModel(mean, cov);
        }
        return model;
    }

    private static double floor(int feature) {
        return feature < 2 ? MIN_CHROMA_SIGMA : MIN_BRIGHTNESS_SIGMA;
    }

    /** The residual features of observed (r, g, b) against predicted (pr, pg, pb) into {@code out[0..2]}. */
    static void features(double r, double g, double b, double pr, double pg, double pb, double[] out) {
        double s = Math.max(1e-4, r + g + b), t = Math.max(1e-4, pr + pg + pb);
        out[0] = r / s - pr / t;
        out[1] = g / s - pg / t;
        out[2] = Math.log(s / t);
    }

    /** Squared Mahalanobis distance of a residual, with extra chromaticity variance {@code noise}. */
    double distance2(double[] x, double noise) {
        double a = covariance[0] + noise, b = covariance[1], c = covariance[2];
        double d = covariance[4] + noise, e = covariance[5], f = covariance[8];
        // Inverse of the symmetric [[a b c][b d e][c e f]] by cofactors.
        double i00 = d * f - e * e, i01 = c * e - b * f, i02 = b * e - c * d;
        double i11 = a * f - c * c, i12 = b * c - a * e, i22 = a * d - b * b;
        double det = a * i00 + b * i01 + c * i02;
        double x0 = x[0] - mean[0], x1 = x[1] - mean[1], x2 = x[2] - mean[2];
        if (!(det > 0)) { // degenerate: the diagonal alone
            return x0 * x0 / a + x1 * x1 / d + x2 * x2 / f;
        }
        double q = i00 * x0 * x0 + i11 * x1 * x1 + i22 * x2 * x2 + 2 * (i01 * x0 * x1 + i02 * x0 * x2 + i12 * x1 * x2);
        return q / det;
    }

    /**
     * How likely a pixel of observed colour {@code observed[o..o+2]}, where the fit predicts
     * {@code predicted[o..o+2]}, shows the face's skin, in (0, 1).
     */
    public double probability(double[] observed, double[] predicted, int o) {
        return probability(observed[o], observed[o + 1], observed[o + 2], predicted[o], predicted[o + 1], predicted[o + 2]);
    }

    /** As above for one observed colour (r, g, b) and predicted colour (pr, pg, pb). */
    public double probability(double r, double g, double b, double pr, double pg, double pb) {
        double[] x = new double[3];
        features(r, g, b, pr, pg, pb, x);
        double s = Math.max(1e-4, r + g + b);
        double d2 = distance2(x, 2 * PIXEL_NOISE * PIXEL_NOISE / (s * s));
        return 1.0 / (1.0 + Math.exp((d2 - CHI2_99) / 2));
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    private static double mad(double[] v, double m) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = Math.abs(v[i] - m);
        }
        return median(d);
    }
}
