package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class L1SolverTest {

    private static final L1SolverOptions TIGHT = L1SolverOptions.builder()
            .absTolerance(1e-10).relTolerance(1e-10).maxIterations(20000).build();

    private static double[] randomVector(int n, Random rnd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    @Test
    void withoutL1TermReducesToRidgeRegression() {
        Random rnd = new Random(11);
        int m = 40, n = 25;
        DMatrixSparseCSC a = TestMatrices.randomSparse(m, n, 4, rnd);
        double[] b = randomVector(m, rnd);
        double mu1 = 0.3;
        L1Problem problem = new L1Problem(a, b, mu1, 0.0, Laplacians.forwardDifference(n));
        L1Solution sol = new L1Solver(TIGHT).solve(problem);

        // Closed form: x = (AᵀA + μ1 I)⁻¹ Aᵀb
        DMatrixRMaj ad = TestMatrices.dense(a);
        DMatrixRMaj normal = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(ad, ad, normal);
        for (int i = 0; i < n; i++) {
            normal.add(i, i, mu1);
        }
        DMatrixRMaj atb = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.multTransA(ad, new DMatrixRMaj(m, 1, true, b), atb);
        DMatrixRMaj expected = new DMatrixRMaj(n, 1);
        assertThat(CommonOps_DDRM.solve(normal, atb, expected)).isTrue();

        assertThat(sol.converged()).isTrue();
        for (int i = 0; i < n; i++) {
            assertThat(sol.x()[i]).isCloseTo(expected.get(i), within(1e-7));
        }
        assertThat(sol.objective()).isCloseTo(problem.objective(sol.x()), within(1e-12));
    }

    @Test
    void totalVariationKeepsStepSharpWhereL2BlursIt() {
        int n = 200;
        Random rnd = new Random(5);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = (i < n / 2 ? 0.0 : 1.0) + 0.02 * rnd.nextGaussian();
        }
        DMatrixSparseCSC identity = CommonOps_DSCC.identity(n);
        DMatrixSparseCSC d = Laplacians.forwardDifference(n);
        double lambda = 5;
        L1Solution tv = new L1Solver(TIGHT).solve(new L1Problem(identity, b, 0, lambda, d));
        assertThat(tv.converged()).isTrue();

        // Same strength, squared penalty: (I + λ DᵀD) x = b
        DMatrixSparseCSC dtd = CommonOps_DSCC.mult(CommonOps_DSCC.transpose(d, null, null), d, null);
        DMatrixSparseCSC m = CommonOps_DSCC.add(1, identity, lambda, dtd, null, null, null);
        double[] l2 = new double[n];
        SparseCholesky.factor(m, FillReducingOrdering.NATURAL).solve(b, l2);

        int tvWidth = transitionWidth(tv.x());
        int l2Width = transitionWidth(l2);
        assertThat(tvWidth).isLessThanOrEqualTo(1);
        assertThat(l2Width).isGreaterThanOrEqualTo(4);
        // Piecewise constant: almost all differences vanish (z is exactly sparse).
        long jumps = Arrays.stream(tv.z()).filter(v -> Math.abs(v) > 1e-6).count();
        assertThat(jumps).isLessThan(n / 10);
    }

    /** Samples strictly between 10% and 90% of the 0→1 step. */
    private static int transitionWidth(double[] x) {
        int w = 0;
        for (double v : x) {
            if (v > 0.1 && v < 0.9) {
                w++;
            }
        }
        return w;
    }

    private static L1Problem meshProblem(Random rnd, double perturbation, double[] baseValues) {
        DMatrixSparseCSC lap = Laplacians.grid(30, 30);
        int n = lap.numCols;
        Random fixed = new Random(99);
        DMatrixSparseCSC a = TestMatrices.randomSparse(n, n, 2, fixed);
        for (int k = 0; k < a.nz_length; k++) {
            a.nz_values[k] = baseValues[k] * (1 + perturbation * rnd.nextGaussian());
        }
        double[] truth = new double[n];
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 30; x++) {
                truth[y * 30 + x] = x < 15 ? 0.2 : 1.0;
            }
        }
        double[] b = new double[n];
        SparseOps.mult(a, truth, b);
        for (int i = 0; i < n; i++) {
            b[i] += 0.01 * rnd.nextGaussian();
        }
        return new L1Problem(a, b, 1e-3, 0.05, lap);
    }

    @Test
    void warmStartConvergesFasterAndReusesSymbolicFactorisation() {
        double[] base = TestMatrices.randomSparse(900, 900, 2, new Random(99)).nz_values.clone();
        L1SolverOptions options = L1SolverOptions.builder().maxIterations(3000).build();
        L1Solver solver = new L1Solver(options);
        L1Solution first = solver.solve(meshProblem(new Random(1), 0.0, base));
        assertThat(first.converged()).isTrue();
        SparseCholesky cached = solver.cachedFactorization();

        L1Problem next = meshProblem(new Random(2), 0.02, base);
        L1Solution warm = solver.solve(next, first);
        assertThat(solver.cachedFactorization()).isSameAs(cached); // pattern unchanged → reused
        L1Solution cold = new L1Solver(options).solve(next);
        assertThat(warm.converged()).isTrue();
        assertThat(cold.converged()).isTrue();
        assertThat(warm.iterations()).isLessThan(cold.iterations());
        assertThat(warm.objective()).isCloseTo(cold.objective(), within(1e-3 * cold.objective()));
    }

    @Test
    void adaptiveRhoRecoversFromPoorInitialPenalty() {
        double[] base = TestMatrices.randomSparse(900, 900, 2, new Random(99)).nz_values.clone();
        L1Problem problem = meshProblem(new Random(1), 0.0, base);
        L1SolverOptions.Builder tight = L1SolverOptions.builder().absTolerance(1e-9).relTolerance(1e-8)
                .maxIterations(5000);
        L1Solution reference = new L1Solver(tight.build()).solve(problem);
        L1Solution adaptive = new L1Solver(tight.rho(1e-4).build()).solve(problem);
        assertThat(adaptive.converged()).isTrue();
        assertThat(adaptive.factorizations()).isGreaterThan(1);
        assertThat(adaptive.rho()).isGreaterThan(1e-4);
        assertThat(adaptive.objective()).isCloseTo(reference.objective(), within(1e-6 * reference.objective()));
        for (int i = 0; i < reference.x().length; i++) {
            assertThat(adaptive.x()[i]).isCloseTo(reference.x()[i], within(1e-4));
        }
    }

    @Test
    void rejectsBadInput() {
        DMatrixSparseCSC a = CommonOps_DSCC.identity(4);
        DMatrixSparseCSC l = Laplacians.forwardDifference(4);
        assertThatThrownBy(() -> new L1Problem(a, new double[3], 0, 1, l))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b has length 3");
        assertThatThrownBy(() -> new L1Problem(a, new double[]{0, Double.NaN, 0, 0}, 0, 1, l))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> new L1Problem(a, new double[4], -1, 1, l))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mu1");
        assertThatThrownBy(() -> new L1Problem(a, new double[4], 0, 1, Laplacians.forwardDifference(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns");
        assertThatThrownBy(() -> L1SolverOptions.builder().relaxation(2.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relaxation");

        L1Problem ok = new L1Problem(a, new double[4], 0, 1, l);
        L1Solution sol = new L1Solver().solve(ok);
        L1Problem bigger = new L1Problem(CommonOps_DSCC.identity(5), new double[5], 0, 1,
                Laplacians.forwardDifference(5));
        assertThatThrownBy(() -> new L1Solver().solve(bigger, sol))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm start");

        // A = 0, μ1 = 0: AᵀA + ρLᵀL has the constants in its null space.
        L1Problem singular = new L1Problem(new DMatrixSparseCSC(4, 4, 0), new double[4], 0, 1, l);
        assertThatThrownBy(() -> new L1Solver().solve(singular))
                .isInstanceOf(NotPositiveDefiniteException.class);
    }
}
