package io.inverseface.optim.sparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.ops.DConvertMatrixStruct;
import org.junit.jupiter.api.Test;

class GeneralizedEigenSolverTest {

    /** The Neumann path Laplacian on n vertices: λ_j = 4·sin²(πj / 2n). */
    private static DMatrixSparseCSC path(int n) {
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, n, 3 * n);
        for (int i = 0; i < n; i++) {
            int degree = (i > 0 ? 1 : 0) + (i < n - 1 ? 1 : 0);
            t.addItem(i, i, degree);
            if (i > 0) {
                t.addItem(i, i - 1, -1);
            }
            if (i < n - 1) {
                t.addItem(i, i + 1, -1);
            }
        }
        return DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
    }

    @Test
    void thePathLaplacianHasItsAnalyticSpectrum() {
        int n = 60;
        double[] mass = new double[n];
        Arrays.fill(mass, 1);
        GeneralizedEigenSolver.Eigenpairs e = GeneralizedEigenSolver.smallest(path(n), mass, 6);
        assertThat(e.values()).hasSize(6);
        for (int j = 0; j < 6; j++) {
            double s = Math.sin(Math.PI * j / (2.0 * n));
            assertThat(e.values()[j]).as("λ_%d", j).isCloseTo(4 * s * s, within(1e-6 * e.values()[1]));
        }
        // λ_0 = 0: the constant vector, normalised and positive.
        for (double v : e.vectors()[0]) {
            assertThat(v).isCloseTo(1 / Math.sqrt(n), within(1e-8));
        }
    }

    @Test
    void aGeneralisedProblemMatchesTheDenseSolutionAndIsMassOrthonormal() {
        DMatrixSparseCSC a = Laplacians.grid(9, 7);
        int n = a.numCols;
        Random random = new Random(5);
        double[] mass = new double[n];
        for (int i = 0; i < n; i++) {
            mass[i] = 0.5 + random.nextDouble();
        }
        int k = 8;
        GeneralizedEigenSolver.Eigenpairs e = GeneralizedEigenSolver.smallest(a, mass, k);

        // Dense reference: the eigenvalues of M^-½ A M^-½.
        DMatrixRMaj dense = new DMatrixRMaj(n, n);
        DConvertMatrixStruct.convert(a, dense);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dense.set(i, j, dense.get(i, j) / Math.sqrt(mass[i] * mass[j]));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertThat(eig.decompose(dense)).isTrue();
        double[] reference = new double[n];
        for (int j = 0; j < n; j++) {
            reference[j] = eig.getEigenvalue(j).real;
        }
        Arrays.sort(reference);
        double[] av = new double[n];
        for (int j = 0; j < k; j++) {
            assertThat(e.values()[j]).as("λ_%d", j).isCloseTo(reference[j], within(1e-4 * Math.max(reference[j], reference[1])));
            double[] phi = e.vectors()[j];
            // A φ = λ M φ within the polishing tolerance (relative M⁻¹-norm residual 0.2)
            multiply(a, phi, av);
            double residual = 0;
            for (int i = 0; i < n; i++) {
                double r = av[i] - e.values()[j] * mass[i] * phi[i];
                residual += r * r / mass[i];
            }
            assertThat(Math.sqrt(residual) / Math.max(e.values()[j], e.values()[1])).as("residual of φ_%d", j)
                    .isLessThan(0.2);
            for (int l = 0; l <= j; l++) {
                double d = 0;
                for (int i = 0; i < n; i++) {
                    d += mass[i] * phi[i] * e.vectors()[l][i];
                }
                assertThat(d).as("<φ_%d, φ_%d>_M", j, l).isCloseTo(j == l ? 1 : 0, within(1e-9));
            }
            int arg = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(phi[i]) > Math.abs(phi[arg])) {
                    arg = i;
                }
            }
            assertThat(phi[arg]).as("sign convention of φ_%d", j).isPositive();
        }
    }

    @Test
    void resultsAreReproducibleAndIndependentOfTheStoredOrder() {
        DMatrixSparseCSC a = Laplacians.grid(8, 8);
        double[] mass = new double[a.numCols];
        Arrays.fill(mass, 1.0 / a.numCols);
        GeneralizedEigenSolver.Eigenpairs first = GeneralizedEigenSolver.smallest(a, mass, 5);
        GeneralizedEigenSolver.Eigenpairs again = GeneralizedEigenSolver.smallest(a, mass, 5);
        assertThat(again.values()).containsExactly(first.values());
        assertThat(again.vectors()).isDeepEqualTo(first.vectors());

        // The same matrix with each column's entries stored in reverse and marked unsorted.
        DMatrixSparseCSC shuffled = a.copy();
        for (int c = 0; c < shuffled.numCols; c++) {
            for (int lo = shuffled.col_idx[c], hi = shuffled.col_idx[c + 1] - 1; lo < hi; lo++, hi--) {
                int r = shuffled.nz_rows[lo];
                shuffled.nz_rows[lo] = shuffled.nz_rows[hi];
                shuffled.nz_rows[hi] = r;
                double v = shuffled.nz_values[lo];
                shuffled.nz_values[lo] = shuffled.nz_values[hi];
                shuffled.nz_values[hi] = v;
            }
        }
        shuffled.indicesSorted = false;
        GeneralizedEigenSolver.Eigenpairs fromShuffled = GeneralizedEigenSolver.smallest(shuffled, mass, 5);
        assertThat(fromShuffled.values()).containsExactly(first.values());
        assertThat(shuffled.nz_rows[shuffled.col_idx[0]]).as("the caller's matrix is left as it was").isNotZero();
    }

    @Test
    void rejectsBadArguments() {
        DMatrixSparseCSC a = path(20);
        double[] mass = new double[20];
        Arrays.fill(mass, 1);
        assertThatThrownBy(() -> GeneralizedEigenSolver.smallest(a, mass, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 10]");
        assertThatThrownBy(() -> GeneralizedEigenSolver.smallest(a, mass, 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count 11");
        assertThatThrownBy(() -> GeneralizedEigenSolver.smallest(a, new double[19], 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mass");
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(20, 20, 40);
        for (int i = 0; i + 1 < 20; i++) {
            t.addItem(i, i + 1, -1);
            t.addItem(i + 1, i, -1);
        }
        DMatrixSparseCSC noDiagonal = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
        assertThatThrownBy(() -> GeneralizedEigenSolver.smallest(noDiagonal, mass, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diagonal");
    }

    @Test
    void theEnvelopeCholeskySolvesManyRightHandSidesAtOnce() {
        // A = path Laplacian + I, symmetric CSR in natural order (the path has bandwidth 1).
        int n = 30;
        DMatrixSparseCSC a = path(n);
        for (int c = 0; c < n; c++) {
            for (int k = a.col_idx[c]; k < a.col_idx[c + 1]; k++) {
                if (a.nz_rows[k] == c) {
                    a.nz_values[k] += 1;
                }
            }
        }
        a.sortIndices(null);
        EnvelopeCholesky factor = new EnvelopeCholesky(n, a.col_idx, a.nz_rows, a.nz_values);
        assertThat(factor.envelopeSize()).isEqualTo(2 * n - 1);
        int p = 3;
        double[] x = new double[n * p];
        Random random = new Random(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        double[] b = new double[n * p];
        double[] column = new double[n];
        double[] product = new double[n];
        for (int c = 0; c < p; c++) {
            for (int i = 0; i < n; i++) {
                column[i] = x[i * p + c];
            }
            multiply(a, column, product);
            for (int i = 0; i < n; i++) {
                b[i * p + c] = product[i];
            }
        }
        factor.solveInPlace(b, p);
        assertThat(b).containsExactly(x, within(1e-12));
        a.nz_values[0] = -5;
        assertThatThrownBy(() -> new EnvelopeCholesky(n, a.col_idx, a.nz_rows, a.nz_values))
                .isInstanceOf(NotPositiveDefiniteException.class);
    }

    private static void multiply(DMatrixSparseCSC a, double[] x, double[] y) {
        Arrays.fill(y, 0);
        for (int c = 0; c < a.numCols; c++) {
            for (int k = a.col_idx[c]; k < a.col_idx[c + 1]; k++) {
                y[a.nz_rows[k]] += a.nz_values[k] * x[c];
            }
        }
    }
}
