package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.cpu.CpuBackend;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LinearStepTest {

    @Test
    void conjugateGradientGivesTheCholeskyStep() {
        Random random = new Random(11);
        int m = 400;
        int n = 60;
        double[] j = new double[m * n];
        for (int i = 0; i < j.length; i++) {
            j[i] = random.nextGaussian();
        }
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            r[i] = random.nextGaussian();
        }
        try (CpuBackend backend = new CpuBackend(2)) {
            DenseJacobian dj = backend.upload(j, m, n);
            double[] jtj = new double[n * n];
            double[] g = new double[n];
            backend.normalEquations(dj, r, jtj, g);
            double[] d = new double[n];
            double[] colSq = new double[n];
            for (int i = 0; i < n; i++) {
                colSq[i] = jtj[i * n + i];
                d[i] = colSq[i];
            }
            for (double mu : new double[] {0, 1e-2}) {
                double[] dense = new double[n];
                assertThat(LinearStep.solveDense(backend, jtj, n, g, d, mu, null, new double[n * n], dense)).isTrue();
                double[] cg = new double[n];
                int iterations = LinearStep.solveConjugateGradient(backend, dj, g, colSq, d, mu, null, 1e-12, 0, cg);
                assertThat(iterations).isPositive().isLessThanOrEqualTo(2 * n);
                double scale = 0;
                for (double v : dense) {
                    scale = Math.max(scale, Math.abs(v));
                }
                assertThat(cg).containsExactly(dense, within(1e-9 * scale));
            }
        }
    }

    @Test
    void denseFallsBackWhenNotPositiveDefinite() {
        // rank-1 JᵀJ: plain Cholesky fails, damping makes it solvable.
        double[] jtj = {1, 1, 1, 1};
        double[] g = {-1, -1};
        double[] delta = new double[2];
        try (CpuBackend backend = new CpuBackend(1)) {
            assertThat(backend.solveSymmetricPositiveDefinite(jtj, 2, new double[] {1, 1}, delta)).isFalse();
            assertThat(LinearStep.solveDense(backend, jtj, 2, g, new double[2], 0, null, new double[4], delta))
                    .isTrue();
        }
        assertThat(delta[0] + delta[1]).isCloseTo(1.0, within(1e-6));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void solverWithConjugateGradientAndFloatJacobianMatchesDense(Method method) {
        double[] dense = solveExp(method, LinearSolverType.DENSE_CHOLESKY, false);
        double[] cg = solveExp(method, LinearSolverType.CONJUGATE_GRADIENT, false);
        double[] cgFloat = solveExp(method, LinearSolverType.CONJUGATE_GRADIENT, true);
        double[] denseFloat = solveExp(method, LinearSolverType.DENSE_CHOLESKY, true);
        assertThat(cg).containsExactly(dense, within(1e-7));
        assertThat(cgFloat).containsExactly(dense, within(1e-4));
        assertThat(denseFloat).containsExactly(dense, within(1e-4));
    }

    private static double[] solveExp(Method method, LinearSolverType type, boolean singlePrecision) {
        Random random = new Random(5);
        double[] ab = {1, 0};
        Problem.Builder builder = Problem.builder();
        for (int i = 0; i < 30; i++) {
            double x = i / 10.0;
            builder.addTerm(new ExponentialObservation(x, 2.0 * Math.exp(0.3 * x) + 0.01 * random.nextGaussian()), ab);
        }
        SolverSummary s = Solver.solve(builder.build(), SolverOptions.builder().method(method).linearSolver(type)
                .singlePrecisionJacobian(singlePrecision).functionTolerance(1e-12).build());
        assertThat(s.termination()).as(s.fullReport()).isEqualTo(TerminationType.CONVERGENCE);
        assertThat(s.linearSolver()).isEqualTo(type);
        return ab;
    }

    @Test
    void autoPicksDenseForSmallAndConjugateGradientForWideProblems() {
        assertThat(LinearStep.choose(1000, 300)).isEqualTo(LinearSolverType.DENSE_CHOLESKY);
        assertThat(LinearStep.choose(100_000, 5000)).isEqualTo(LinearSolverType.CONJUGATE_GRADIENT);
    }
}
