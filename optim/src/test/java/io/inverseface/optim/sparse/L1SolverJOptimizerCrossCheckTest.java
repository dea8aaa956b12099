package io.inverseface.optim.sparse;

import com.joptimizer.functions.ConvexMultivariateRealFunction;
import com.joptimizer.functions.LinearMultivariateRealFunction;
import com.joptimizer.functions.PDQuadraticMultivariateRealFunction;
import com.joptimizer.optimizers.JOptimizer;
import com.joptimizer.optimizers.OptimizationRequest;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Cross-checks the ADMM solver against JOptimizer's primal-dual interior-point method on the QP
 * <pre>
 *   min_{x,t} ‖Ax − b‖² + μ1‖x‖² + μ2·Σ t_i   s.t.  Lx − t ≤ 0,  −Lx − t ≤ 0
 * </pre>
 * whose x-part has the same minimiser as the L1 problem.
 */
class L1SolverJOptimizerCrossCheckTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void matchesInteriorPointSolutionOnRandomInstances(int seed) throws Exception {
        Random rnd = new Random(seed);
        int n = 6 + rnd.nextInt(6);
        int m = n + rnd.nextInt(6);
        int p = 4 + rnd.nextInt(6);
        DMatrixSparseCSC a = TestMatrices.randomSparse(m, n, Math.min(3, n), rnd);
        DMatrixSparseCSC l = TestMatrices.randomSparse(p, n, 2, rnd);
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = 2 * rnd.nextGaussian();
        }
        double mu1 = 0.05 + 0.2 * rnd.nextDouble();
        double mu2 = 0.3 + rnd.nextDouble();
        L1Problem problem = new L1Problem(a, b, mu1, mu2, l);

        L1Solution admm = new L1Solver(L1SolverOptions.builder()
                .absTolerance(1e-11).relTolerance(1e-11).maxIterations(50000).build()).solve(problem);
        double[] ipm = solveWithJOptimizer(problem);

        double ipmObjective = problem.objective(ipm);
        assertThat(admm.converged()).isTrue();
        assertThat(admm.objective()).isCloseTo(ipmObjective, within(1e-4 * Math.abs(ipmObjective)));
        for (int i = 0; i < n; i++) {
            assertThat(admm.x()[i]).as("x[%d]", i).isCloseTo(ipm[i], within(1e-3));
        }
    }

    /** Tight IRLS-PCG settings: ε floor 1e-9·rms(Lx), CG run to convergence per reweighting. */
    static final L1SolverOptions TIGHT_IRLS = L1SolverOptions.builder().method(L1SolverOptions.L1Method.IRLS_PCG)
            .irlsEpsilon(1e-9).irlsTolerance(1e-14).irlsMaxReweightings(2000).pcgIterations(200).build();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void irlsPcgMatchesInteriorPointSolutionOnRandomInstances(int seed) throws Exception {
        Random rnd = new Random(seed);
        int n = 6 + rnd.nextInt(6);
        int m = n + rnd.nextInt(6);
        int p = 4 + rnd.nextInt(6);
        DMatrixSparseCSC a = TestMatrices.randomSparse(m, n, Math.min(3, n), rnd);
        DMatrixSparseCSC l = TestMatrices.randomSparse(p, n, 2, rnd);
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = 2 * rnd.nextGaussian();
        }
        double mu1 = 0.05 + 0.2 * rnd.nextDouble();
        double mu2 = 0.3 + rnd.nextDouble();
        L1Problem problem = new L1Problem(a, b, mu1, mu2, l);

        L1Solution irls = new L1Solver(TIGHT_IRLS).solve(problem);
        double[] ipm = solveWithJOptimizer(problem);

        double ipmObjective = problem.objective(ipm);
        assertThat(irls.objective()).isCloseTo(ipmObjective, within(1e-4 * Math.abs(ipmObjective)));
        for (int i = 0; i < n; i++) {
            assertThat(irls.x()[i]).as("x[%d]", i).isCloseTo(ipm[i], within(1e-3));
        }
    }

    private static double[] solveWithJOptimizer(L1Problem problem) throws Exception {
        DMatrixRMaj a = TestMatrices.dense(problem.a());
        DMatrixRMaj l = TestMatrices.dense(problem.l());
        int n = a.numCols;
        int p = l.numRows;
        int dim = n + p;
        // ½ yᵀPy + qᵀy + r with y = (x, t): P = 2(AᵀA + μ1 I) on x, a tiny ε on t keeps P
        // positive definite (the t-block is linear; ε·‖t‖² changes the optimum by O(ε)).
        DMatrixRMaj ata = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(a, a, ata);
        double[][] pMat = new double[dim][dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pMat[i][j] = 2 * ata.get(i, j);
            }
            pMat[i][i] += 2 * problem.mu1();
        }
        for (int i = n; i < dim; i++) {
            pMat[i][i] = 1e-9;
        }
        double[] q = new double[dim];
        double bb = 0;
        for (int r = 0; r < a.numRows; r++) {
            bb += problem.b()[r] * problem.b()[r];
            for (int j = 0; j < n; j++) {
                q[j] -= 2 * a.get(r, j) * problem.b()[r];
            }
        }
        for (int i = n; i < dim; i++) {
            q[i] = problem.mu2();
        }
        ConvexMultivariateRealFunction[] inequalities = new ConvexMultivariateRealFunction[2 * p];
        for (int k = 0; k < p; k++) {
            double[] plus = new double[dim];
            double[] minus = new double[dim];
            for (int j = 0; j < n; j++) {
                plus[j] = l.get(k, j);
                minus[j] = -l.get(k, j);
            }
            plus[n + k] = -1;
            minus[n + k] = -1;
            inequalities[2 * k] = new LinearMultivariateRealFunction(plus, 0);
            inequalities[2 * k + 1] = new LinearMultivariateRealFunction(minus, 0);
        }
        OptimizationRequest request = new OptimizationRequest();
        request.setF0(new PDQuadraticMultivariateRealFunction(pMat, q, bb));
        request.setFi(inequalities);
        double[] start = new double[dim];
        for (int i = n; i < dim; i++) {
            start[i] = 1; // x = 0, t = 1: strictly feasible
        }
        request.setInitialPoint(start);
        request.setTolerance(1e-12);
        request.setToleranceFeas(1e-12);
        JOptimizer optimizer = new JOptimizer();
        optimizer.setOptimizationRequest(request);
        optimizer.optimize();
        double[] y = optimizer.getOptimizationResponse().getSolution();
        return java.util.Arrays.copyOf(y, n);
    }
}
