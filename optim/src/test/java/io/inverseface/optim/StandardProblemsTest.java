package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StandardProblemsTest {

    private static SolverOptions options(Method method) {
        return SolverOptions.builder().method(method).maxIterations(500)
                .functionTolerance(1e-14).gradientTolerance(1e-14).parameterTolerance(1e-14).build();
    }

    /** Runs commons-math LM on the same term (single block) from the same start. */
    private static double[] commonsMath(Term term, double[] start) {
        int m = term.residualCount();
        int n = start.length;
        MultivariateJacobianFunction model = point -> {
            double[][] blocks = {point.toArray()};
            double[] r = new double[m];
            double[][] jac = {new double[m * n]};
            term.evaluate(blocks, r, jac);
            double[][] j2 = new double[m][n];
            for (int i = 0; i < m; i++) {
                System.arraycopy(jac[0], i * n, j2[i], 0, n);
            }
            return new Pair<>(new ArrayRealVector(r), new Array2DRowRealMatrix(j2, false));
        };
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(1e-15).withParameterRelativeTolerance(1e-15)
                .withOrthoTolerance(1e-15)
                .optimize(new LeastSquaresBuilder().start(start).model(model).target(new double[m])
                        .maxEvaluations(10000).maxIterations(10000).build());
        return opt.getPoint().toArray();
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void rosenbrockReachesOneOne(Method method) {
        double[] x = {-1.2, 1};
        Problem problem = Problem.builder().addTerm(new Rosenbrock(), x).build();
        SolverSummary s = Solver.solve(problem, options(method));
        assertThat(s.termination()).as(s.fullReport()).isEqualTo(TerminationType.CONVERGENCE);
        assertThat(x[0]).isCloseTo(1, within(1e-8));
        assertThat(x[1]).isCloseTo(1, within(1e-8));
        assertThat(s.finalCost()).isLessThan(1e-16);
        assertThat(s.initialCost()).isCloseTo(0.5 * (4.4 * 4.4 + 2.2 * 2.2), within(1e-9));
        double[] reference = commonsMath(new Rosenbrock(), new double[] {-1.2, 1});
        assertThat(x).containsExactly(reference, within(1e-7));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void powellSingularFunctionGoesToZero(Method method) {
        double[] x = {3, -1, 0, 1};
        Problem problem = Problem.builder().addTerm(new Powell(), x).build();
        SolverSummary s = Solver.solve(problem, options(method));
        assertThat(s.termination()).as(s.fullReport()).isNotEqualTo(TerminationType.FAILURE);
        assertThat(s.finalCost()).as(s.fullReport()).isLessThan(1e-12);
        for (double v : x) {
            assertThat(Math.abs(v)).isLessThan(1e-2);
        }
        assertThat(s.initialCost()).isCloseTo(107.5, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void exponentialFitAgreesWithCommonsMath(Method method) {
        Random random = new Random(7);
        int count = 40;
        double[] xs = new double[count];
        double[] ys = new double[count];
        Problem.Builder builder = Problem.builder();
        double[] ab = {1, 0};
        for (int i = 0; i < count; i++) {
            xs[i] = i / 10.0;
            ys[i] = 2.0 * Math.exp(0.3 * xs[i]) + 0.01 * random.nextGaussian();
            builder.addTerm(new ExponentialObservation(xs[i], ys[i]), ab);
        }
        SolverSummary s = Solver.solve(builder.build(), options(method));
        assertThat(s.termination()).as(s.fullReport()).isEqualTo(TerminationType.CONVERGENCE);
        assertThat(ab[0]).isCloseTo(2.0, within(0.02));
        assertThat(ab[1]).isCloseTo(0.3, within(0.01));
        // commons-math on the same data, stacked into one term
        Term stacked = new Term() {
            @Override
            public int residualCount() {
                return count;
            }

            @Override
            public int[] blockSizes() {
                return new int[] {2};
            }

            @Override
            public boolean evaluate(double[][] blocks, double[] r, double[][] jac) {
                double[] one = new double[1];
                double[][] j1 = {new double[2]};
                for (int i = 0; i < count; i++) {
                    new ExponentialObservation(xs[i], ys[i]).evaluate(blocks, one, j1);
                    r[i] = one[0];
                    if (jac != null) {
                        jac[0][2 * i] = j1[0][0];
                        jac[0][2 * i + 1] = j1[0][1];
                    }
                }
                return true;
            }
        };
        double[] reference = commonsMath(stacked, new double[] {1, 0});
        assertThat(ab).containsExactly(reference, within(1e-7));
        assertThat(s.costPerTerm()).containsOnlyKeys("exp-fit");
        assertThat(s.costPerTerm().get("exp-fit")).isCloseTo(s.finalCost(), within(1e-15));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void bundleAdjustmentRecoversCamerasWithOneHeldConstant(Method method) {
        Random random = new Random(3);
        double[][] cameras = {{0, 0.2, 0, 5}, {0.3, -1, 0.1, 5.5}, {-0.25, 1, -0.1, 4.5}};
        int points = 12;
        double[][] truthPoints = new double[points][];
        for (int k = 0; k < points; k++) {
            truthPoints[k] = new double[] {random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1,
                    random.nextDouble() * 2 - 1};
        }
        double[][] cam = new double[3][];
        double[][] pts = new double[points][];
        for (int c = 0; c < 3; c++) {
            cam[c] = cameras[c].clone();
            if (c > 0) {
                for (int i = 0; i < 4; i++) {
                    cam[c][i] += 0.05 * random.nextGaussian();
                }
            }
        }
        Problem.Builder builder = Problem.builder();
        double[] uv = new double[2];
        for (int k = 0; k < points; k++) {
            pts[k] = truthPoints[k].clone();
            for (int i = 0; k > 0 && i < 3; i++) {
                pts[k][i] += 0.05 * random.nextGaussian();
            }
            for (int c = 0; c < 3; c++) {
                Reprojection.project(cameras[c], truthPoints[k], uv);
                builder.addTerm(new Reprojection(uv[0], uv[1]), cam[c], pts[k]);
            }
        }
        double[] fixed = cam[0].clone();
        // One camera fixes rotation and translation; one point more fixes the scale gauge.
        Problem problem = builder.setConstant(cam[0]).setConstant(pts[0]).build();
        assertThat(problem.freeParameterCount()).isEqualTo(2 * 4 + (points - 1) * 3);
        SolverSummary s = Solver.solve(problem, options(method));
        assertThat(s.termination()).as(s.fullReport()).isEqualTo(TerminationType.CONVERGENCE);
        assertThat(s.finalCost()).isLessThan(1e-20);
        assertThat(cam[0]).containsExactly(fixed);
        for (int c = 1; c < 3; c++) {
            assertThat(cam[c]).containsExactly(cameras[c], within(1e-6));
        }
        for (int k = 0; k < points; k++) {
            assertThat(pts[k]).containsExactly(truthPoints[k], within(1e-6));
        }
    }
}
