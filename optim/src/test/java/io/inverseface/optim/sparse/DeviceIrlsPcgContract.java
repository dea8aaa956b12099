package io.inverseface.optim.sparse;

import io.inverseface.optim.backend.DeviceTestBase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.optim.backend.DeviceResidentBackend;
import java.util.Random;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;

/**
 * The IRLS nonlinear-PCG iteration on a device (float kernels) against the same iteration on the CPU
 * (double) and against ADMM's optimum. Subclasses open the backend (PoCL in CI, CUDA where present) or skip.
 */
abstract class DeviceIrlsPcgContract extends DeviceTestBase {






    private static L1Problem meshProblem(int side, long seed) {
        int n = side * side;
        Random rnd = new Random(seed);
        DMatrixSparseCSC a = TestMatrices.randomSparse(2 * n, n, 5, rnd);
        double[] b = new double[2 * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextGaussian();
        }
        return new L1Problem(a, b, 1e-3, 0.5, Laplacians.grid(side, side));
    }

    @Test
    void defaultSettingsMatchTheCpuIterationAndApproachTheOptimum() {
        L1Problem problem = meshProblem(40, 3);
        L1SolverOptions options = L1SolverOptions.builder().method(L1SolverOptions.L1Method.IRLS_PCG).build();
        L1Solution cpu = new L1Solver(options).solve(problem);
        L1Solution gpu = new L1Solver(options, backend.compute()).solve(problem);
        L1Solution admm = new L1Solver(L1SolverOptions.builder().absTolerance(1e-10).relTolerance(1e-10)
                .maxIterations(50000).build()).solve(problem);

        assertThat(gpu.objective()).isCloseTo(problem.objective(gpu.x()), within(1e-12 * Math.abs(gpu.objective())));
        assertThat(gpu.objective()).isCloseTo(cpu.objective(), within(2e-3 * Math.abs(cpu.objective())));
        assertThat(gpu.objective()).isCloseTo(admm.objective(), within(0.02 * Math.abs(admm.objective())));
        assertThat(gpu.iterations()).isBetween(cpu.iterations() - options.pcgIterations(),
                cpu.iterations() + options.pcgIterations());
        double diff = 0, norm = 0;
        for (int i = 0; i < problem.numUnknowns(); i++) {
            diff += (gpu.x()[i] - cpu.x()[i]) * (gpu.x()[i] - cpu.x()[i]);
            norm += cpu.x()[i] * cpu.x()[i];
        }
        assertThat(Math.sqrt(diff / norm)).as("relative RMS difference of x, device vs CPU").isLessThan(0.02);
    }

    @Test
    void warmStartKeepsTheObjectiveAndMismatchedSizesAreRejected() {
        L1Problem problem = meshProblem(24, 5);
        L1Solver solver = new L1Solver(L1SolverOptions.builder().method(L1SolverOptions.L1Method.IRLS_PCG).build(),
                backend.compute());
        L1Solution first = solver.solve(problem);
        L1Solution again = solver.solve(problem, first);
        assertThat(again.objective()).isLessThanOrEqualTo(first.objective() * (1 + 2e-3));
        assertThatThrownBy(() -> solver.solve(meshProblem(20, 5), first)).isInstanceOf(IllegalArgumentException.class);
    }
}
