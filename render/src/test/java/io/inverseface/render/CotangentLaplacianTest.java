package io.inverseface.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.junit.jupiter.api.Test;

class CotangentLaplacianTest {

    /**
     * A side×side grid of unit cells in the z = 0 plane, inner vertices moved by up to {@code jitter} in x and y
     * (under ¼, so that no triangle folds over).
     */
    private static Mesh grid(int side, double jitter, long seed) {
        Random random = new Random(seed);
        float[] p = Meshes.grid(side - 1, side - 1, 0, 0, 1).positions();
        for (int y = 1; y + 1 < side; y++) {
            for (int x = 1; x + 1 < side; x++) {
                p[3 * (y * side + x)] += (float) (jitter * (2 * random.nextDouble() - 1));
                p[3 * (y * side + x) + 1] += (float) (jitter * (2 * random.nextDouble() - 1));
            }
        }
        return new Mesh(p, Meshes.grid(side - 1, side - 1, 0, 0, 1).triangles());
    }

    /** y = L x. */
    private static double[] times(DMatrixSparseCSC l, double[] x) {
        DMatrixRMaj y = new DMatrixRMaj(x.length, 1);
        CommonOps_DSCC.mult(l, DMatrixRMaj.wrap(x.length, 1, x), y);
        return y.data;
    }

    /** The Dirichlet energy xᵀ L x. */
    private static double energy(DMatrixSparseCSC l, double[] x) {
        double[] lx = times(l, x);
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            e += x[i] * lx[i];
        }
        return e;
    }

    private static double entry(DMatrixSparseCSC m, int row, int col) {
        int at = Arrays.binarySearch(m.nz_rows, m.col_idx[col], m.col_idx[col + 1], row);
        return at < 0 ? 0 : m.nz_values[at];
    }

    @Test
    void isSymmetricWithConstantsInItsKernelAndAUnitMass() {
        Mesh sphere = Meshes.icosphere(3, 30f);
        CotangentLaplacian lap = CotangentLaplacian.of(sphere.positions(), sphere.triangles());
        DMatrixSparseCSC l = lap.matrix();
        int n = lap.size();
        assertThat(n).isEqualTo(sphere.positions().length / 3);
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        double[] y = times(l, ones);
        for (int c = 0; c < n; c++) {
            assertThat(y[c]).isCloseTo(0, within(1e-9));
            for (int k = l.col_idx[c]; k < l.col_idx[c + 1]; k++) {
                int r = l.nz_rows[k];
                assertThat(entry(l, c, r)).isEqualTo(l.nz_values[k]);
                if (k > l.col_idx[c]) {
                    assertThat(r).as("sorted rows").isGreaterThan(l.nz_rows[k - 1]);
                }
                if (r != c) {
                    assertThat(l.nz_values[k]).as("acute icosphere: positive cotangent weights").isNegative();
                }
            }
        }
        double[] mass = lap.mass();
        assertThat(Arrays.stream(mass).sum()).isCloseTo(1, within(1e-12));
        assertThat(Arrays.stream(mass).min().orElseThrow()).isPositive();
        // The lumped mass is a third of the area around each vertex: a sphere's vertices share it almost equally.
        assertThat(Arrays.stream(mass).max().orElseThrow() / Arrays.stream(mass).min().orElseThrow()).isLessThan(1.5);
    }

    @Test
    void itsDirichletEnergyIsExactForLinearFieldsOnAFlatMesh() {
        // ∫|∇f|² over the mesh: for f = x on the (side − 1)² square, the area, for any flat triangulation.
        Mesh mesh = grid(12, 0.2, 3);
        CotangentLaplacian lap = CotangentLaplacian.of(mesh.positions(), mesh.triangles());
        int n = lap.size();
        double[] fx = new double[n];
        double[] fxy = new double[n];
        for (int i = 0; i < n; i++) {
            fx[i] = mesh.positions()[3 * i];
            fxy[i] = mesh.positions()[3 * i] + 2 * mesh.positions()[3 * i + 1];
        }
        DMatrixSparseCSC l = lap.matrix();
        assertThat(energy(l, fx)).isCloseTo(121, within(1e-6));
        assertThat(energy(l, fxy)).isCloseTo(5 * 121, within(1e-5));
    }

    @Test
    void aRegularGridHasUnitAxisWeightsAndZeroDiagonalWeights() {
        Mesh mesh = grid(5, 0, 0);
        DMatrixSparseCSC l = CotangentLaplacian.of(mesh.positions(), mesh.triangles()).matrix();
        int centre = 2 * 5 + 2;
        assertThat(entry(l, centre, centre + 1)).isCloseTo(-1, within(1e-12));
        assertThat(entry(l, centre, centre + 5)).isCloseTo(-1, within(1e-12));
        assertThat(entry(l, centre, centre + 6)).isCloseTo(0, within(1e-12)); // the split diagonal: two right angles
        assertThat(entry(l, centre, centre)).isCloseTo(4, within(1e-12));
    }

    @Test
    void theRowNormalisedOperatorMeasuresTheDistanceFromTheNeighboursWeightedMean() {
        Mesh mesh = grid(5, 0, 0);
        DMatrixSparseCSC r = CotangentLaplacian.of(mesh.positions(), mesh.triangles()).rowNormalised();
        int centre = 2 * 5 + 2;
        assertThat(entry(r, centre, centre)).isEqualTo(1.0);
        // Four unit axis weights and two diagonal edges of weight 0, which fall back to 1: each neighbour 1/6.
        for (int nb : new int[] {centre - 1, centre + 1, centre - 5, centre + 5, centre - 6, centre + 6}) {
            assertThat(entry(r, centre, nb)).isCloseTo(-1.0 / 6, within(1e-15));
        }
        // Every row sums to zero: a constant displacement costs nothing, whatever the mesh.
        Mesh sphere = Meshes.icosphere(2, 10f);
        for (Mesh m : new Mesh[] {mesh, grid(9, 0.2, 4), sphere}) {
            DMatrixSparseCSC op = CotangentLaplacian.of(m.positions(), m.triangles()).rowNormalised();
            double[] rowSums = new double[op.numRows];
            for (int c = 0; c < op.numCols; c++) {
                for (int k = op.col_idx[c]; k < op.col_idx[c + 1]; k++) {
                    rowSums[op.nz_rows[k]] += op.nz_values[k];
                }
            }
            for (double s : rowSums) {
                assertThat(s).isCloseTo(0, within(1e-12));
            }
        }
    }

    @Test
    void aMeshWithoutAreaHasOperatorsButNoMass() {
        float[] p = {0, 0, 0, 1, 0, 0, 2, 0, 0};
        CotangentLaplacian lap = CotangentLaplacian.of(p, new int[] {0, 1, 2});
        DMatrixSparseCSC r = lap.rowNormalised();
        for (int row = 0; row < 3; row++) { // a degenerate triangle's edges weigh 1 each
            for (int col = 0; col < 3; col++) {
                assertThat(entry(r, row, col)).isCloseTo(row == col ? 1 : -0.5, within(1e-15));
            }
        }
        assertThatThrownBy(lap::mass).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero area");
    }

    @Test
    void matricesAreCopies() {
        Mesh mesh = grid(4, 0, 0);
        CotangentLaplacian lap = CotangentLaplacian.of(mesh.positions(), mesh.triangles());
        DMatrixSparseCSC first = lap.matrix();
        first.nz_values[0] = 99;
        assertThat(lap.matrix().nz_values[0]).isNotEqualTo(99);
    }
}
