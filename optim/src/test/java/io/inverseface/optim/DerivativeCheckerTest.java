package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DerivativeCheckerTest {

    /** Reprojection with a deliberately wrong ∂v/∂tz. */
    private static final class BrokenReprojection extends Reprojection {
        BrokenReprojection() {
            super(0.1, -0.2);
        }

        @Override
        public boolean evaluate(double[][] blocks, double[] r, double[][] jacobians) {
            boolean ok = super.evaluate(blocks, r, jacobians);
            if (jacobians != null && jacobians[0] != null) {
                jacobians[0][7] *= 1.01;
            }
            return ok;
        }
    }

    @Test
    void correctJacobiansPass() {
        assertThat(DerivativeChecker.check(new Rosenbrock(), new double[] {-1.2, 1}).worstRelativeError())
                .isLessThan(1e-8);
        assertThat(DerivativeChecker.check(new Powell(), new double[] {3, -1, 0, 1}).passes(1e-7)).isTrue();
        DerivativeReport report = DerivativeChecker.check(new Reprojection(0.1, -0.2),
                new double[] {0.3, -1, 0.1, 5.5}, new double[] {0.2, -0.4, 0.7});
        assertThat(report.worstRelativeError()).isLessThan(1e-8);
        assertThat(report.entriesChecked()).isEqualTo(2 * 7);
    }

    @Test
    void wrongEntryIsCaughtAndLocated() {
        double[] camera = {0.3, -1, 0.1, 5.5};
        double[] point = {0.2, -0.4, 0.7};
        DerivativeReport report = DerivativeChecker.check(new BrokenReprojection(), camera, point);
        assertThat(report.worstRelativeError()).isGreaterThan(1e-5);
        assertThat(report.passes(1e-6)).isFalse();
        assertThat(report.residual()).isEqualTo(1);
        assertThat(report.block()).isEqualTo(0);
        assertThat(report.parameter()).isEqualTo(3);
        assertThat(report.analytic()).isNotEqualTo(report.numeric());
        assertThat(report.toString()).contains("BrokenReprojection");
        assertThat(camera).containsExactly(0.3, -1, 0.1, 5.5);
    }

    @Test
    void failingTermReportsInfiniteError() {
        // z' <= 0: the term refuses to evaluate
        DerivativeReport report = DerivativeChecker.check(new Reprojection(0, 0),
                new double[] {0, 0, 0, -5}, new double[] {0, 0, 0});
        assertThat(report.worstRelativeError()).isInfinite();
    }

    @Test
    void wrongBlockCountIsRejected() {
        assertThatThrownBy(() -> DerivativeChecker.check(new Rosenbrock(), new double[] {1, 2}, new double[] {3}))
                .isInstanceOf(ProblemDefinitionException.class).hasMessageContaining("Rosenbrock");
        assertThatThrownBy(() -> DerivativeChecker.check(new Rosenbrock(), new double[] {1, 2, 3}))
                .isInstanceOf(ProblemDefinitionException.class).hasMessageContaining("length");
    }
}
