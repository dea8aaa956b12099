package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparseCholeskyTest {

    private static double relativeResidual(DMatrixSparseCSC m, double[] x, double[] b) {
        double[] mx = new double[b.length];
        SparseOps.mult(m, x, mx);
        double r = 0, nb = 0;
        for (int i = 0; i < b.length; i++) {
            r += (mx[i] - b[i]) * (mx[i] - b[i]);
            nb += b[i] * b[i];
        }
        return Math.sqrt(r / nb);
    }

    private static double[] randomVector(int n, Random rnd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(FillReducingOrdering.class)
    void solvesShiftedGridLaplacian(FillReducingOrdering ordering) {
        DMatrixSparseCSC m = TestMatrices.shiftedLaplacian(Laplacians.grid(41, 29), 1e-3);
        double[] b = randomVector(m.numCols, new Random(1));
        double[] x = new double[m.numCols];
        SparseCholesky chol = SparseCholesky.factor(m, ordering);
        chol.solve(b, x);
        assertThat(relativeResidual(m, x, b)).isLessThan(1e-9);
        assertThat(chol.size()).isEqualTo(m.numCols);
        assertThat(chol.ordering()).isEqualTo(ordering);
    }

    @Test
    void solvesMeshNormalMatrixWithRandomData() {
        Random rnd = new Random(2);
        int rings = 30, segments = 40;
        int n = TestMatrices.uvSphereVertexCount(rings, segments);
        DMatrixSparseCSC lap = Laplacians.uniformMesh(TestMatrices.uvSphereTriangles(rings, segments), n);
        // Closed mesh: constants are in the null space of the Laplacian.
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        double[] l1 = new double[n];
        SparseOps.mult(lap, ones, l1);
        assertThat(SparseOps.norm(l1, n)).isLessThan(1e-12);
        DMatrixSparseCSC a = TestMatrices.randomSparse(n, n, 2, rnd);
        DMatrixSparseCSC at = org.ejml.sparse.csc.CommonOps_DSCC.transpose(a, null, null);
        DMatrixSparseCSC lt = org.ejml.sparse.csc.CommonOps_DSCC.transpose(lap, null, null);
        DMatrixSparseCSC m = org.ejml.sparse.csc.CommonOps_DSCC.add(1,
                org.ejml.sparse.csc.CommonOps_DSCC.mult(at, a, null), 1,
                TestMatrices.shiftedLaplacian(org.ejml.sparse.csc.CommonOps_DSCC.mult(lt, lap, null), 1e-2),
                null, null, null);
        double[] b = randomVector(n, rnd);
        double[] x = new double[n];
        SparseCholesky chol = SparseCholesky.factor(m, FillReducingOrdering.NESTED_DISSECTION);
        chol.solve(b, x);
        assertThat(relativeResidual(m, x, b)).isLessThan(1e-9);
        // In-place solve gives the same answer.
        double[] inPlace = b.clone();
        chol.solve(inPlace, inPlace);
        assertThat(inPlace).containsExactly(x, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void largeFactorSolvedOnTwoThreadsMatchesResidual() {
        // Bilaplacian-like system (LᵀL + I on a 90×90 grid): its factor is above the size where the
        // solve is split over two subtree groups, so this exercises the parallel path.
        DMatrixSparseCSC lap = Laplacians.grid(90, 90);
        DMatrixSparseCSC lt = org.ejml.sparse.csc.CommonOps_DSCC.transpose(lap, null, null);
        DMatrixSparseCSC m = TestMatrices.shiftedLaplacian(
                org.ejml.sparse.csc.CommonOps_DSCC.mult(lt, lap, null), 1.0);
        SparseCholesky chol = SparseCholesky.factor(m, FillReducingOrdering.NESTED_DISSECTION);
        assertThat(chol.factorNonZeros()).isGreaterThan(200_000);
        assertThat(chol.parallelSolve()).isEqualTo(Runtime.getRuntime().availableProcessors() > 1);
        Random rnd = new Random(4);
        for (int rep = 0; rep < 5; rep++) {
            double[] b = randomVector(m.numCols, rnd);
            double[] x = new double[m.numCols];
            chol.solve(b, x);
            assertThat(relativeResidual(m, x, b)).isLessThan(1e-9);
        }
    }

    @Test
    void refactorReusesPatternWithNewValues() {
        DMatrixSparseCSC lap = Laplacians.grid(30, 30);
        DMatrixSparseCSC m1 = TestMatrices.shiftedLaplacian(lap, 0.5);
        DMatrixSparseCSC m2 = TestMatrices.shiftedLaplacian(lap, 3.0);
        SparseCholesky chol = SparseCholesky.factor(m1, FillReducingOrdering.NESTED_DISSECTION);
        int[] perm = chol.permutation();
        assertThat(chol.hasSamePattern(m2)).isTrue();
        chol.refactor(m2);
        double[] b = randomVector(900, new Random(3));
        double[] x = new double[900];
        chol.solve(b, x);
        assertThat(relativeResidual(m2, x, b)).isLessThan(1e-9);
        assertThat(chol.permutation()).containsExactly(perm);

        DMatrixSparseCSC other = TestMatrices.shiftedLaplacian(Laplacians.grid(29, 31), 0.5);
        assertThat(chol.hasSamePattern(other)).isFalse();
        assertThatThrownBy(() -> chol.refactor(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pattern");
    }

    @Test
    void rejectsIndefiniteAndNonSquare() {
        DMatrixSparseCSC lap = Laplacians.grid(10, 10);
        DMatrixSparseCSC indefinite = TestMatrices.shiftedLaplacian(lap, -1.0);
        assertThatThrownBy(() -> SparseCholesky.factor(indefinite, FillReducingOrdering.NESTED_DISSECTION))
                .isInstanceOf(NotPositiveDefiniteException.class);
        assertThatThrownBy(() -> SparseCholesky.factor(new DMatrixSparseCSC(3, 2, 0), FillReducingOrdering.NATURAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
    }
}
