package io.inverseface.optim;

/**
 * Compares a term's analytic Jacobian with central finite differences (like Ceres' GradientChecker):
 * {@code ∂r_i/∂x_c ≈ (r_i(x + h·e_c) − r_i(x − h·e_c)) / 2h} with {@code h = step·max(1, |x_c|)}.
 *
 * <pre>{@code
 * DerivativeReport report = DerivativeChecker.check(new MyTerm(), pose, shape);
 * assertThat(report.worstRelativeError()).isLessThan(1e-6);
 * }</pre>
 */
public final class DerivativeChecker {

    /** Default relative step; ≈ cube root of machine epsilon, the optimum for central differences. */
    public static final double DEFAULT_STEP = 1e-6;

    private DerivativeChecker() {
    }

    /** Checks all blocks at the given values with {@link #DEFAULT_STEP}. The values are not modified. */
    public static DerivativeReport check(Term term, double[]... blockValues) {
        return check(term, DEFAULT_STEP, blockValues);
    }

    /** Checks all blocks at the given values with relative step {@code step}. The values are not modified. */
    public static DerivativeReport check(Term term, double step, double[]... blockValues) {
        int[] sizes = term.blockSizes();
        if (blockValues.length != sizes.length) {
            throw new ProblemDefinitionException("term '" + term.name() + "' declares " + sizes.length
                    + " blocks but " + blockValues.length + " were given");
        }
        if (!(step > 0)) {
            throw new IllegalArgumentException("step must be > 0, got " + step);
        }
        int m = term.residualCount();
        double[][] x = new double[sizes.length][];
        double[][] jac = new double[sizes.length][];
        for (int j = 0; j < sizes.length; j++) {
            if (blockValues[j].length != sizes[j]) {
                throw new ProblemDefinitionException("term '" + term.name() + "': block " + j + " has length "
                        + blockValues[j].length + " but the term expects " + sizes[j]);
            }
            x[j] = blockValues[j].clone();
            jac[j] = new double[m * sizes[j]];
        }
        double[] r0 = new double[m];
        double[] rPlus = new double[m];
        double[] rMinus = new double[m];
        String name = term.name();
        if (!term.evaluate(x, r0, jac) || !allFinite(jac)) {
            return new DerivativeReport(name, 0, 0, 0, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, 0);
        }
        double worst = -1;
        int wr = 0;
        int wb = 0;
        int wp = 0;
        double wa = 0;
        double wn = 0;
        int count = 0;
        for (int j = 0; j < sizes.length; j++) {
            for (int c = 0; c < sizes[j]; c++) {
                double saved = x[j][c];
                double h = step * Math.max(1.0, Math.abs(saved));
                x[j][c] = saved + h;
                boolean ok = term.evaluate(x, rPlus, null);
                x[j][c] = saved - h;
                ok &= term.evaluate(x, rMinus, null);
                x[j][c] = saved;
                for (int i = 0; i < m; i++) {
                    double analytic = jac[j][i * sizes[j] + c];
                    double numeric = (rPlus[i] - rMinus[i]) / (2 * h);
                    double err = Math.abs(analytic - numeric)
                            / Math.max(1.0, Math.max(Math.abs(analytic), Math.abs(numeric)));
                    if (!ok || !Double.isFinite(err)) {
                        err = Double.POSITIVE_INFINITY;
                    }
                    count++;
                    if (err > worst) {
                        worst = err;
                        wr = i;
                        wb = j;
                        wp = c;
                        wa = analytic;
                        wn = numeric;
                    }
                }
            }
        }
        return new DerivativeReport(name, wr, wb, wp, wa, wn, Math.max(worst, 0), count);
    }

    private static boolean allFinite(double[][] a) {
        for (double[] row : a) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
