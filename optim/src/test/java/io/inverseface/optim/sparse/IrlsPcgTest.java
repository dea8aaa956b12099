package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link L1SolverOptions.L1Method#IRLS_PCG} against ADMM's optimum. */
class IrlsPcgTest {

    private static final L1SolverOptions TIGHT_ADMM = L1SolverOptions.builder()
            .absTolerance(1e-11).relTolerance(1e-11).maxIterations(50000).build();

    private static L1Problem randomProblem(long seed, int n) {
        Random rnd = new Random(seed);
        int m = n + rnd.nextInt(n);
        int p = n / 2 + rnd.nextInt(n);
        DMatrixSparseCSC a = TestMatrices.randomSparse(m, n, Math.min(4, n), rnd);
        DMatrixSparseCSC l = TestMatrices.randomSparse(p, n, 2, rnd);
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = 2 * rnd.nextGaussian();
        }
        return new L1Problem(a, b, 0.02 + 0.2 * rnd.nextDouble(), 0.3 + rnd.nextDouble(), l);
    }

    /** Tight settings: objective within 1e-6 (relative) and x within 5e-4 of ADMM's tight optimum. */
    @ParameterizedTest
    @ValueSource(ints = {5, 6, 7, 8, 9, 10})
    void tightIrlsAgreesWithAdmmOnRandomProblems(int seed) {
        L1Problem problem = randomProblem(seed, 20 + 5 * seed);
        L1Solution admm = new L1Solver(TIGHT_ADMM).solve(problem);
        L1Solution irls = new L1Solver(L1SolverJOptimizerCrossCheckTest.TIGHT_IRLS).solve(problem);
        assertThat(admm.converged()).isTrue();
        assertThat(irls.objective()).isCloseTo(admm.objective(), within(1e-6 * Math.abs(admm.objective())));
        assertThat(irls.objective()).isCloseTo(problem.objective(irls.x()), within(1e-12 * Math.abs(irls.objective())));
        for (int i = 0; i < problem.numUnknowns(); i++) {
            assertThat(irls.x()[i]).as("x[%d]", i).isCloseTo(admm.x()[i], within(5e-4));
        }
    }

    /** Default (fast) settings on a mesh-like TV problem: objective within 2% of the optimum, never above the start. */
    @Test
    void defaultIrlsIsCloseOnMeshProblem() {
        int side = 40;
        int n = side * side;
        Random rnd = new Random(3);
        DMatrixSparseCSC a = TestMatrices.randomSparse(2 * n, n, 5, rnd);
        double[] b = new double[2 * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextGaussian();
        }
        DMatrixSparseCSC l = Laplacians.grid(side, side);
        L1Problem problem = new L1Problem(a, b, 1e-3, 0.5, l);
        L1Solution admm = new L1Solver(TIGHT_ADMM).solve(problem);
        L1Solver irlsSolver = new L1Solver(L1SolverOptions.builder().method(L1SolverOptions.L1Method.IRLS_PCG).build());
        L1Solution irls = irlsSolver.solve(problem);
        assertThat(irls.objective()).isLessThan(problem.objective(new double[n]));
        assertThat(irls.objective()).isCloseTo(admm.objective(), within(0.02 * Math.abs(admm.objective())));
        // Warm-starting from its own result does not make things worse (beyond the smoothing slack ≤ μ2·p·ε/2).
        L1Solution again = irlsSolver.solve(problem, irls);
        assertThat(again.objective()).isLessThanOrEqualTo(irls.objective() * (1 + 1e-3));
        // The result warm-starts ADMM (same sizes) and ADMM reaches its optimum from it.
        L1Solution admmWarm = new L1Solver(TIGHT_ADMM).solve(problem, irls);
        assertThat(admmWarm.converged()).isTrue();
        assertThat(admmWarm.objective()).isCloseTo(admm.objective(), within(1e-6 * Math.abs(admm.objective())));
    }

    @Test
    void rejectsMismatchedWarmStartAndBadOptions() {
        L1Problem problem = randomProblem(1, 20);
        L1Solution other = new L1Solver(TIGHT_ADMM).solve(randomProblem(2, 30));
        L1Solver irls = new L1Solver(L1SolverOptions.builder().method(L1SolverOptions.L1Method.IRLS_PCG).build());
        assertThatThrownBy(() -> irls.solve(problem, other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> L1SolverOptions.builder().pcgIterations(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> L1SolverOptions.builder().irlsEpsilon(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> L1SolverOptions.builder().method(null).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
