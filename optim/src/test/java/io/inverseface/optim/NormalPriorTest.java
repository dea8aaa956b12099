package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NormalPriorTest {

    @Test
    void residualIsValueOverSigmaWithTheDiagonalJacobian() {
        NormalPrior prior = new NormalPrior(new double[] {1, 2, 0.5});
        double[] r = new double[3];
        assertThat(prior.evaluate(new double[][] {{1, 1, 1}}, r, null)).isTrue();
        assertThat(r).containsExactly(1, 0.5, 2);
        DerivativeReport report = DerivativeChecker.check(prior, new double[] {0.3, -2, 5});
        assertThat(report.worstRelativeError()).isLessThan(1e-9);
    }

    @Test
    void aSigmaThatIsNotPositiveIsRefusedByIndex() {
        assertThatThrownBy(() -> new NormalPrior(new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma 1");
        assertThatThrownBy(() -> new NormalPrior(new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma 0");
    }

    @Test
    void costsAreReportedUnderTheLabelTheTermWasAddedWith() {
        double[] x = {3, 4};
        double[] y = {1};
        Problem problem = Problem.builder()
                .addTerm("shape-prior", new NormalPrior(new double[] {1, 1}), null, 2.0, x)
                .addTerm(new NormalPrior(new double[] {1}), y)
                .build();
        SolverSummary s = Solver.solve(problem, SolverOptions.builder().maxIterations(0).build());
        // ½·w·‖x/σ‖² = ½·2·25 under the label; the unlabelled term under its own name.
        assertThat(s.costPerTerm()).containsOnlyKeys("shape-prior", "normal-prior");
        assertThat(s.costPerTerm().get("shape-prior")).isEqualTo(25.0);
        assertThat(s.costPerTerm().get("normal-prior")).isEqualTo(0.5);
        assertThatThrownBy(() -> Problem.builder().addTerm(" ", new NormalPrior(new double[] {1}), null, 1.0, y))
                .isInstanceOf(ProblemDefinitionException.class).hasMessageContaining("label");
    }
}
