package io.inverseface.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * JᵀJ formed residual block by residual block equals the dense product, and a problem of arrow shape (a
 * shared block, and private blocks each seen by its own terms, as in a joint fit of several photos) is
 * solved through it to the same optimum as its normal equations give.
 */
class BlockwiseNormalEquationsTest {

    /** r = A·[x_1; x_2; …] − b over its blocks, a fixed random linear map (Jacobian A). */
    record LinearTerm(double[][] a, double[] b, int[] sizes) implements Term {
        @Override
        public int residualCount() {
            return b.length;
        }

        @Override
        public int[] blockSizes() {
            return sizes;
        }

        @Override
        public boolean evaluate(double[][] blocks, double[] residuals, double[][] jacobians) {
            for (int i = 0; i < b.length; i++) {
                double v = -b[i];
                int col = 0;
                for (int j = 0; j < sizes.length; j++) {
                    for (int c = 0; c < sizes[j]; c++) {
                        v += a[i][col + c] * blocks[j][c];
                        if (jacobians != null && jacobians[j] != null) {
                            jacobians[j][i * sizes[j] + c] = a[i][col + c];
                        }
                    }
                    col += sizes[j];
                }
                residuals[i] = v;
            }
            return true;
        }
    }

    private static LinearTerm random(Random rnd, int rows, int... sizes) {
        int cols = java.util.Arrays.stream(sizes).sum();
        double[][] a = new double[rows][cols];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            b[i] = rnd.nextGaussian();
            for (int c = 0; c < cols; c++) {
                a[i][c] = rnd.nextGaussian();
            }
        }
        return new LinearTerm(a, b, sizes);
    }

    /** A shared block of 6, and per view a private block of 4 with its own 30-row term on both, plus priors. */
    private static Problem arrow(Random rnd, int views, double[] shared, double[][] own) {
        Problem.Builder pb = Problem.builder();
        for (int v = 0; v < views; v++) {
            pb.addTerm("view", random(rnd, 30, 6, 4), null, 1.0 + v, shared, own[v]);
            pb.addTerm("prior", random(rnd, 4, 4), null, 0.5, own[v]);
        }
        pb.addTerm("shared prior", random(rnd, 6, 6), null, 0.1, shared);
        return pb.build();
    }

    @Test
    void theBlockwiseProductIsTheDenseOne() {
        Random rnd = new Random(3);
        int views = 12;
        double[] shared = new double[6];
        double[][] own = new double[views][4];
        for (double[] o : own) {
            for (int i = 0; i < o.length; i++) {
                o[i] = rnd.nextGaussian();
            }
        }
        Program program = new Program(arrow(rnd, views, shared, own));
        int m = program.rows, n = program.cols;
        assertThat(program.blockwiseNormalCost() * 4).isLessThan((long) m * n * n);
        double[] r = new double[m];
        double[] jd = new double[m * n];
        program.evaluate(r, jd, null);
        double[] jtj = new double[n * n], g = new double[n];
        try (io.inverseface.optim.backend.cpu.CpuBackend cpu = new io.inverseface.optim.backend.cpu.CpuBackend(1)) {
            program.blockwiseNormalEquations(cpu, jd, r, jtj, g);
        }
        double worst = 0, scale = 0;
        for (int i = 0; i < n; i++) {
            double gi = 0;
            for (int row = 0; row < m; row++) {
                gi += jd[row * n + i] * r[row];
            }
            worst = Math.max(worst, Math.abs(gi - g[i]));
            for (int j = 0; j < n; j++) {
                double dense = 0;
                for (int row = 0; row < m; row++) {
                    dense += jd[row * n + i] * jd[row * n + j];
                }
                scale = Math.max(scale, Math.abs(dense));
                worst = Math.max(worst, Math.abs(dense - jtj[i * n + j]));
            }
        }
        assertThat(worst).isLessThan(1e-12 * scale);
    }

    @Test
    void anArrowProblemSolvesToItsNormalEquationsOptimum() {
        Random rnd = new Random(11);
        int views = 10;
        double[] shared = new double[6];
        double[][] own = new double[views][4];
        Problem problem = arrow(rnd, views, shared, own);
        SolverSummary summary = Solver.solve(problem, SolverOptions.builder().method(Method.LEVENBERG_MARQUARDT)
                .linearSolver(LinearSolverType.DENSE_CHOLESKY).maxIterations(50).build());
        // The optimum of a linear least-squares problem has a zero gradient Jᵀr.
        Program program = new Program(problem);
        double[] r = new double[program.rows], jd = new double[program.rows * program.cols];
        program.evaluate(r, jd, null);
        double[] jtj = new double[program.cols * program.cols], g = new double[program.cols];
        try (io.inverseface.optim.backend.cpu.CpuBackend cpu = new io.inverseface.optim.backend.cpu.CpuBackend(1)) {
            program.blockwiseNormalEquations(cpu, jd, r, jtj, g);
        }
        double gMax = java.util.Arrays.stream(g).map(Math::abs).max().orElse(0);
        assertThat(gMax).as(summary.briefReport()).isLessThan(1e-5); // against Jᵀr ≈ 10³ at the start
    }

    @Test
    void aLargeArrowShapedSystemIsSolvedSparselyToTheSameStep() {
        Random rnd = new Random(17);
        int shared = 30, views = 30, own = 14, n = shared + views * own;
        // JᵀJ of an arrow problem: each view's block couples only with itself and the shared block.
        double[] a = new double[n * n];
        for (int v = 0; v < views; v++) {
            int[] cols = new int[shared + own];
            for (int i = 0; i < shared; i++) {
                cols[i] = i;
            }
            for (int i = 0; i < own; i++) {
                cols[shared + i] = shared + v * own + i;
            }
            for (int row = 0; row < 3 * cols.length; row++) {
                double[] j = new double[cols.length];
                for (int c = 0; c < j.length; c++) {
                    j[c] = rnd.nextGaussian();
                }
                for (int p = 0; p < j.length; p++) {
                    for (int q = 0; q < j.length; q++) {
                        a[cols[p] * n + cols[q]] += j[p] * j[q];
                    }
                }
            }
        }
        assertThat(LinearStep.density(a, n)).isLessThan(LinearStep.SPARSE_MAX_DENSITY);
        assertThat(n).isGreaterThanOrEqualTo(LinearStep.SPARSE_MIN_SIZE);
        double[] g = new double[n], d = new double[n], delta = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = rnd.nextGaussian();
            d[i] = a[i * n + i];
        }
        try (io.inverseface.optim.backend.cpu.CpuBackend cpu = new io.inverseface.optim.backend.cpu.CpuBackend(1)) {
            assertThat(LinearStep.solveDense(cpu, a, n, g, d, 0.01, null, new double[n * n], delta)).isTrue();
        }
        double worst = 0, gMax = 0;
        for (int i = 0; i < n; i++) {
            double row = 0.01 * d[i] * delta[i];
            for (int j = 0; j < n; j++) {
                row += a[i * n + j] * delta[j];
            }
            worst = Math.max(worst, Math.abs(row + g[i]));
            gMax = Math.max(gMax, Math.abs(g[i]));
        }
        assertThat(worst).isLessThan(1e-9 * gMax);
    }
}
