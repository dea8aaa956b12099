package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SolverBehaviourTest {

    /** One residual over one block of size 1, the shape of every test term here. */
    private abstract static class ScalarTerm implements Term {
        @Override
        public int residualCount() {
            return 1;
        }

        @Override
        public int[] blockSizes() {
            return new int[] {1};
        }
    }

    /** (x − 3)² style term that returns NaN once x exceeds a threshold. */
    private static final class NanBeyond extends ScalarTerm {
        private final double threshold;

        NanBeyond(double threshold) {
            this.threshold = threshold;
        }

        @Override
        public boolean evaluate(double[][] blocks, double[] r, double[][] jacobians) {
            double x = blocks[0][0];
            r[0] = x > threshold ? Double.NaN : x - 3;
            if (jacobians != null && jacobians[0] != null) {
                jacobians[0][0] = 1;
            }
            return true;
        }
    }

    /** r = x − target over a block of size 1. */
    private static final class Offset extends ScalarTerm {
        private final double target;

        Offset(double target) {
            this.target = target;
        }

        @Override
        public String name() {
            return "offset";
        }

        @Override
        public boolean evaluate(double[][] blocks, double[] r, double[][] jacobians) {
            r[0] = blocks[0][0] - target;
            if (jacobians != null && jacobians[0] != null) {
                jacobians[0][0] = 1;
            }
            return true;
        }
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void nonFiniteResidualEndsWithFailureAndLastGoodParameters(Method method) {
        double[] x = {0};
        Problem problem = Problem.builder().addTerm(new NanBeyond(1.0), x).build();
        SolverSummary s = Solver.solve(problem, SolverOptions.builder().method(method).build());
        assertThat(s.termination()).isEqualTo(TerminationType.FAILURE);
        assertThat(s.reason()).contains("non-finite");
        assertThat(x[0]).isEqualTo(0.0);
        assertThat(s.finalCost()).isEqualTo(4.5);
        assertThat(s.initialCost()).isEqualTo(4.5);
        assertThat(s.fullReport()).doesNotContain("NaN");
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void nonFiniteJacobianEndsWithFailureAndLastGoodParameters(Method method) {
        double[] x = {0};
        Term nanJacobian = new ScalarTerm() {
            @Override
            public boolean evaluate(double[][] blocks, double[] r, double[][] jacobians) {
                r[0] = blocks[0][0] - 3;
                if (jacobians != null && jacobians[0] != null) {
                    jacobians[0][0] = blocks[0][0] > 1 ? Double.POSITIVE_INFINITY : 1;
                }
                return true;
            }
        };
        SolverSummary s = Solver.solve(Problem.builder().addTerm(nanJacobian, x).build(),
                SolverOptions.builder().method(method).build());
        assertThat(s.termination()).isEqualTo(TerminationType.FAILURE);
        assertThat(s.reason()).contains("Jacobian");
        assertThat(x[0]).isEqualTo(0.0);
        assertThat(s.finalCost()).isEqualTo(4.5);
    }

    @Test
    void nonFiniteAtStartIsFailureWithoutException() {
        double[] x = {5};
        SolverSummary s = Solver.solve(Problem.builder().addTerm(new NanBeyond(1.0), x).build());
        assertThat(s.termination()).isEqualTo(TerminationType.FAILURE);
        assertThat(s.reason()).contains("starting point");
        assertThat(x[0]).isEqualTo(5.0);
        assertThat(s.finalCost()).isInfinite();
    }

    @Test
    void throwingTermIsReportedAsFailure() {
        double[] x = {0};
        Term throwing = new ScalarTerm() {
            @Override
            public boolean evaluate(double[][] blocks, double[] r, double[][] jacobians) {
                throw new IllegalStateException("boom");
            }
        };
        SolverSummary s = Solver.solve(Problem.builder().addTerm(throwing, x).build());
        assertThat(s.termination()).isEqualTo(TerminationType.FAILURE);
        assertThat(s.reason()).contains("boom");
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void constantBlockIsUnchangedAndOthersAdapt(Method method) {
        // a + b·x through (0,1), (1,3), (2,5) → b = 2 if a is held at 1; with a held at 0 → least squares b.
        double[] ab = {0, 0};
        double[] other = {10};
        Problem problem = Problem.builder()
                .addTerm(new LineFit(0, 1), ab).addTerm(new LineFit(1, 3), ab).addTerm(new LineFit(2, 5), ab)
                .addTerm(new Offset(2), other)
                .setConstant(other).build();
        SolverSummary s = Solver.solve(problem, SolverOptions.builder().method(method).build());
        assertThat(s.termination()).isEqualTo(TerminationType.CONVERGENCE);
        assertThat(other[0]).isEqualTo(10.0);
        assertThat(ab[0]).isCloseTo(1, within(1e-6));
        assertThat(ab[1]).isCloseTo(2, within(1e-6));
        assertThat(s.parameterCount()).isEqualTo(2);
        assertThat(s.costPerTerm().get("offset")).isCloseTo(32.0, within(1e-12));
        assertThat(s.costPerTerm().get("line")).isCloseTo(0.0, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void boundsAreRespected(Method method) {
        double[] x = {-1.2, 1};
        Problem problem = Problem.builder().addTerm(new Rosenbrock(), x)
                .setBounds(x, new double[] {-2, -2}, new double[] {0.5, 2}).build();
        SolverSummary s = Solver.solve(problem, SolverOptions.builder().method(method).maxIterations(500).build());
        assertThat(s.termination()).as(s.fullReport()).isNotEqualTo(TerminationType.FAILURE);
        assertThat(x[0]).isLessThanOrEqualTo(0.5);
        // Constrained optimum is on the bound x = 0.5 with y = x² = 0.25.
        assertThat(x[0]).isCloseTo(0.5, within(1e-6));
        assertThat(x[1]).isCloseTo(0.25, within(1e-4));
    }

    @Test
    void startOutsideBoundsIsProjected() {
        double[] x = {5};
        Problem problem = Problem.builder().addTerm(new Offset(10), x)
                .setBounds(x, new double[] {-1}, new double[] {2}).build();
        SolverSummary s = Solver.solve(problem);
        assertThat(x[0]).isEqualTo(2.0);
        assertThat(s.termination()).isEqualTo(TerminationType.CONVERGENCE);
    }

    private static double fitSlopeWithOutlier(Loss loss, Method method) {
        double[] ab = {0, 0};
        Problem.Builder b = Problem.builder();
        for (int i = 0; i < 10; i++) {
            double y = i == 7 ? 100 : 1 + 2 * i;
            b.addTerm(new LineFit(i, y), loss, 1.0, ab);
        }
        SolverSummary s = Solver.solve(b.build(), SolverOptions.builder().method(method).maxIterations(500).build());
        assertThat(s.termination()).as(s.fullReport()).isNotEqualTo(TerminationType.FAILURE);
        return ab[1];
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void robustLossesDownweightAnOutlier(Method method) {
        double plain = fitSlopeWithOutlier(null, method);
        double huber = fitSlopeWithOutlier(new HuberLoss(1.0), method);
        double cauchy = fitSlopeWithOutlier(new CauchyLoss(1.0), method);
        assertThat(Math.abs(plain - 2)).isGreaterThan(1.0);
        assertThat(Math.abs(huber - 2)).isLessThan(0.5 * Math.abs(plain - 2));
        assertThat(Math.abs(cauchy - 2)).isLessThan(0.05);
    }

    @Test
    void costUsesCeresConventionWithWeightAndLoss() {
        double[] x = {0};
        Problem problem = Problem.builder().addTerm(new Offset(3), new HuberLoss(1), 2.0, x).build();
        SolverSummary s = Solver.solve(problem, SolverOptions.builder().maxIterations(0).build());
        // s = 9 > 1: ρ = 2·1·3 − 1 = 5; cost = ½·2·5
        assertThat(s.initialCost()).isCloseTo(5.0, within(1e-12));
        assertThat(s.termination()).isEqualTo(TerminationType.NO_CONVERGENCE);
        assertThat(s.reason()).contains("maximum number of iterations");
    }

    @Test
    void timeBudgetStopsTheSolve() {
        double[] x = {-1.2, 1};
        Problem problem = Problem.builder().addTerm(new Rosenbrock(), x).build();
        SolverSummary s = Solver.solve(problem, SolverOptions.builder().timeBudget(Duration.ZERO).build());
        assertThat(s.termination()).isEqualTo(TerminationType.NO_CONVERGENCE);
        assertThat(s.reason()).contains("time budget");
    }

    @Test
    void summaryReportIsReadable() {
        double[] x = {-1.2, 1};
        SolverSummary s = Solver.solve(Problem.builder().addTerm(new Rosenbrock(), x).build());
        String report = s.fullReport();
        assertThat(report).contains("Initial cost", "Final cost", "Rosenbrock", "Termination: CONVERGENCE",
                "LEVENBERG_MARQUARDT", "DENSE_CHOLESKY");
        assertThat(s.iterations()).hasSizeGreaterThan(2);
        assertThat(s.iterations().get(0).iteration()).isZero();
        assertThat(s.iterations().get(s.iterations().size() - 1).cost()).isEqualTo(s.finalCost());
        assertThat(s.successfulSteps()).isPositive();
        assertThat(s.totalSeconds()).isGreaterThanOrEqualTo(s.evaluationSeconds());
        for (IterationSummary it : s.iterations()) {
            assertThat(it.gradientMaxNorm()).isNotNaN();
        }
    }

    @Test
    void badDefinitionsAreRejectedWithClearMessages() {
        double[] x = {1, 2, 3};
        assertThatThrownBy(() -> Problem.builder().addTerm(new Rosenbrock(), x))
                .isInstanceOf(ProblemDefinitionException.class).hasMessageContaining("length 3");
        double[] y = {1, 2};
        assertThatThrownBy(() -> Problem.builder().addTerm(new Rosenbrock(), null, -1, y))
                .isInstanceOf(ProblemDefinitionException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> Problem.builder().setConstant(y))
                .isInstanceOf(ProblemDefinitionException.class).hasMessageContaining("not used");
        assertThatThrownBy(() -> Problem.builder().addTerm(new Rosenbrock(), y)
                .setBounds(y, new double[] {1, 1}, new double[] {0, 0}))
                .isInstanceOf(ProblemDefinitionException.class).hasMessageContaining("bounds");
        assertThatThrownBy(() -> Problem.builder().build())
                .isInstanceOf(ProblemDefinitionException.class).hasMessageContaining("no terms");
        assertThatThrownBy(() -> new HuberLoss(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
