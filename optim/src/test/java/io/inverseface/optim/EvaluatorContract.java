package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.optim.backend.BackendTestBase;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.device.ExponentialFit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Evaluator} must do, against the same sums in double: the cost, the linear model
 * (g = Jᵀr, JᵀJ, diag(JᵀJ)), products with the linearised J after trial evaluations, costs per term and
 * failures. The problem is an {@link ExponentialFit} (a device term, weight 2) and a prior on the host
 * (weight 10⁻³) over one block (a, b).
 */
abstract class EvaluatorContract extends BackendTestBase<LinearAlgebraBackend> {

    private static final double W_FIT = 2;
    private static final double W_PRIOR = 1e-3;

    private double[][] xy;

    /** The evaluator under test for {@code program} (the dense step) on {@link #backend}. */
    protected abstract Evaluator open(Program program);

    /** Agreement with the double reference, relative to each quantity's largest value. */
    protected abstract double tolerance();

    @BeforeAll
    void makeData() {
        xy = new double[160][];
        for (int i = 0; i < xy.length; i++) {
            double x = 3.0 * i / xy.length;
            xy[i] = new double[] {x, 2 * Math.exp(0.3 * x) + 0.01 * Math.sin(7 * i)};
        }
    }

    /** A host term r = (a − 1, b) that cannot be evaluated once a exceeds 10. */
    private static final class Prior implements Term {
        @Override public String name() { return "prior"; }
        @Override public int residualCount() { return 2; }
        @Override public int[] blockSizes() { return new int[] {2}; }

        @Override
        public boolean evaluate(double[][] b, double[] r, double[][] j) {
            if (b[0][0] > 10) {
                return false;
            }
            r[0] = b[0][0] - 1;
            r[1] = b[0][1];
            if (j != null && j[0] != null) {
                j[0][0] = 1; j[0][1] = 0; j[0][2] = 0; j[0][3] = 1;
            }
            return true;
        }
    }

    protected Program program(double[] params) {
        return new Program(Problem.builder().addTerm(new ExponentialFit(xy, true), null, W_FIT, params)
                .addTerm(new Prior(), null, W_PRIOR, params).build());
    }

    /** The weighted residuals (rows of both terms) at (a, b), in double. */
    private double[] residuals(double a, double b) {
        int m = xy.length;
        double[] r = new double[m + 2];
        for (int i = 0; i < m; i++) {
            r[i] = Math.sqrt(W_FIT) * (a * Math.exp(b * xy[i][0]) - xy[i][1]);
        }
        r[m] = Math.sqrt(W_PRIOR) * (a - 1);
        r[m + 1] = Math.sqrt(W_PRIOR) * b;
        return r;
    }

    /** The weighted Jacobian at (a, b), row-major (m + 2)×2, in double. */
    private double[] jacobian(double a, double b) {
        int m = xy.length;
        double[] j = new double[2 * (m + 2)];
        for (int i = 0; i < m; i++) {
            double e = Math.exp(b * xy[i][0]);
            j[2 * i] = Math.sqrt(W_FIT) * e;
            j[2 * i + 1] = Math.sqrt(W_FIT) * a * xy[i][0] * e;
        }
        j[2 * m] = Math.sqrt(W_PRIOR);
        j[2 * m + 3] = Math.sqrt(W_PRIOR);
        return j;
    }

    private static double halfSquares(double[] r, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += r[i] * r[i];
        }
        return 0.5 * s;
    }

    private void assertClose(double[] actual, double[] expected, String what) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(tolerance() * scale));
        }
    }

    @Test
    void costAndLinearModelMatchTheTermsInDouble() {
        double[] p = {1.5, 0.2};
        try (Evaluator ev = open(program(p))) {
            double[] r = residuals(1.5, 0.2);
            double[] j = jacobian(1.5, 0.2);
            double cost = ev.evaluate(true);
            assertThat(cost).isCloseTo(halfSquares(r, 0, r.length), within(tolerance() * cost));

            double[] jtj = new double[4];
            double[] g = new double[2];
            double[] columnSquares = new double[2];
            ev.linearise(jtj, g, columnSquares);
            double[] jtjRef = new double[4];
            double[] gRef = new double[2];
            for (int i = 0; i < r.length; i++) {
                for (int c = 0; c < 2; c++) {
                    gRef[c] += j[2 * i + c] * r[i];
                    for (int d = 0; d < 2; d++) {
                        jtjRef[2 * c + d] += j[2 * i + c] * j[2 * i + d];
                    }
                }
            }
            assertClose(jtj, jtjRef, "JᵀJ");
            assertClose(g, gRef, "Jᵀr");
            assertThat(columnSquares).containsExactly(jtj[0], jtj[3]);
        }
    }

    @Test
    void productsUseTheLinearisedJacobianAfterTrialEvaluations() {
        double[] p = {1.5, 0.2};
        try (Evaluator ev = open(program(p))) {
            ev.evaluate(true);
            double[] jtj = new double[4];
            ev.linearise(jtj, new double[2], new double[2]);
            p[0] = 2.5; // a trial point, cost only
            p[1] = 0.35;
            double[] rTrial = residuals(2.5, 0.35);
            double trial = ev.evaluate(false);
            assertThat(trial).isCloseTo(halfSquares(rTrial, 0, rTrial.length), within(tolerance() * trial));

            double[] v = {0.3, -0.7};
            double[] j = jacobian(1.5, 0.2);
            double[] jv = new double[j.length / 2];
            double expected = 0;
            for (int i = 0; i < jv.length; i++) {
                jv[i] = j[2 * i] * v[0] + j[2 * i + 1] * v[1];
                expected += jv[i] * jv[i];
            }
            assertThat(ev.squaredNormOfJacobianTimes(v, jtj)).isCloseTo(expected, within(tolerance() * expected));
            assertThat(ev.jacobian().rows()).isEqualTo(jv.length);
            assertThat(ev.jacobian().cols()).isEqualTo(2);
            double[] out = new double[jv.length];
            backend.multiply(ev.jacobian(), v, out);
            assertClose(out, jv, "J·v");
        }
    }

    @Test
    void costsPerTermAreKeyedByTermName() {
        double[] p = {1.5, 0.2};
        try (Evaluator ev = open(program(p))) {
            double[] r = residuals(1.5, 0.2);
            Map<String, Double> perTerm = ev.costPerTerm();
            assertThat(perTerm).containsOnlyKeys("exp-fit", "prior");
            double fit = halfSquares(r, 0, xy.length);
            double prior = halfSquares(r, xy.length, r.length);
            assertThat(perTerm.get("exp-fit")).isCloseTo(fit, within(tolerance() * fit));
            assertThat(perTerm.get("prior")).isCloseTo(prior, within(1e-12));
        }
    }

    @Test
    void aTermThatCannotBeEvaluatedGivesNaNAndSaysWhich() {
        double[] p = {1.5, 0.2};
        Program program = program(p);
        try (Evaluator ev = open(program)) {
            assertThat(ev.evaluate(true)).isFinite();
            p[0] = 20;
            assertThat(ev.evaluate(false)).isNaN();
            assertThat(program.failure()).contains("'prior'");
            assertThat(ev.evaluate(true)).isNaN();
            assertThat(ev.costPerTerm().get("prior")).isInfinite();
        }
    }

    @Test
    void theDescriptionNamesTheBackend() {
        try (Evaluator ev = open(program(new double[] {1.5, 0.2}))) {
            assertThat(ev.description()).startsWith(backend.name());
        }
    }

    @Test
    void aFallbackEvaluatesTheSameProblem() {
        double[] p = {1.5, 0.2};
        Evaluator ev = open(program(p));
        double cost = ev.evaluate(true);
        Evaluator next = ev.fallback();
        if (next == null) {
            ev.close();
            return;
        }
        try (next) {
            assertThat(next.evaluate(true)).isCloseTo(cost, within(tolerance() * cost));
            assertThat(next.description()).isEqualTo(backend.name());
            assertThat(next.fallback()).isNull();
        }
    }
}
