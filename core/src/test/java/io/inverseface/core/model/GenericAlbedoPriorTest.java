package io.inverseface.core.model;

import io.inverseface.optim.sparse.GeneralizedEigenSolver;
import io.inverseface.render.CotangentLaplacian;
import io.inverseface.render.Mesh;
import io.inverseface.render.Meshes;
import org.ejml.data.DMatrixRMaj;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GenericAlbedoPriorTest {
    private static FaceModel model;
    private static CotangentLaplacian laplacian;

    @BeforeAll
    static void load() {
        model = TestModels.ictLight();
        laplacian = CotangentLaplacian.of(model.meanShape(), model.triangles());
    }

    @Test
    void modesAreOrthonormalInTheMassInnerProduct() {
        Basis albedo = model.albedoBasis();
        double[] mass = laplacian.mass();
        int n = model.vertexCount();
        int[] modes = {0, 1, 2, 3, 17, 60, 119};
        for (int a : modes) {
            for (int b : modes) {
                double dot = 0;
                for (int v = 0; v < n; v++) {
                    for (int c = 0; c < 3; c++) {
                        dot += mass[v] * albedo.modeValue(a, 3 * v + c) * albedo.modeValue(b, 3 * v + c);
                    }
                }
                assertThat(dot).as("<mode %d, mode %d>_M", a, b).isCloseTo(a == b ? 1.0 : 0.0, within(1e-4));
            }
        }
    }

    @Test
    void modesGetRougherAndLessLikelyWithIndex() {
        Basis albedo = model.albedoBasis();
        int n = model.vertexCount();
        double previousEnergy = -1;
        double firstNonConstant = 0;
        double last = 0;
        double[] channel = new double[n];
        for (int k = 0; k < albedo.modeCount(); k++) {
            double energy = 0;
            for (int c = 0; c < 3; c++) {
                for (int v = 0; v < n; v++) {
                    channel[v] = albedo.modeValue(k, 3 * v + c);
                }
                energy += dirichletEnergy(channel);
            }
            assertThat(energy).as("Laplacian energy of mode %d", k).isGreaterThanOrEqualTo(previousEnergy - 1e-3 * Math.abs(previousEnergy) - 1e-6);
            previousEnergy = energy;
            if (k == 3) {
                firstNonConstant = energy;
            }
            last = energy;
        }
        // Mode 0 is (nearly) constant: no Laplacian energy; the last is far rougher than the first.
        assertThat(last).isGreaterThan(10 * firstNonConstant);
        double[] sigma = albedo.sigma();
        for (int j = 1; j < sigma.length / 3; j++) {
            for (int m = 0; m < 3; m++) {
                assertThat(sigma[3 * j + m]).isLessThan(sigma[3 * (j - 1) + m]);
            }
        }
        assertThat(sigma[0]).isGreaterThan(sigma[1]);
    }

    /** xᵀ L x. */
    private static double dirichletEnergy(double[] x) {
        DMatrixRMaj lx = new DMatrixRMaj(x.length, 1);
        CommonOps_DSCC.mult(laplacian.matrix(), DMatrixRMaj.wrap(x.length, 1, x), lx);
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            e += x[i] * lx.data[i];
        }
        return e;
    }

    @Test
    void firstModeIsAConstantLuminanceShift() {
        float[] mode = model.albedoBasis().mode(0);
        float[][] colours = GenericAlbedoPrior.colourDirections();
        float r0 = mode[0];
        for (int v = 0; v < model.vertexCount(); v += 97) {
            assertThat(mode[3 * v] / colours[0][0]).isCloseTo(r0 / colours[0][0], within(1e-3f));
        }
    }

    @Test
    void colourDirectionsAreOrthonormal() {
        float[][] c = GenericAlbedoPrior.colourDirections();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = c[a][0] * c[b][0] + c[a][1] * c[b][1] + c[a][2] * c[b][2];
                assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-6));
            }
        }
        // The redness direction raises red and lowers green/blue.
        assertThat(c[1][0]).isPositive();
        assertThat(c[1][1]).isNegative();
    }

    @Test
    void eigenvectorsOfASmallGridMatchTheAnalyticSpectrumOrder() {
        // A flat 21×21 grid: the smallest Neumann eigenvalues come as 0, then a degenerate pair.
        Mesh grid = Meshes.grid(20, 20, 0, 0, 1);
        CotangentLaplacian lap = CotangentLaplacian.of(grid.positions(), grid.triangles());
        GeneralizedEigenSolver.Eigenpairs eigen = GenericAlbedoPrior.smallestEigenvectors(lap, 6);
        double[] l = eigen.values();
        assertThat(l[0]).isCloseTo(0.0, within(1e-6));
        // Unit square after mass normalisation: λ = π²(i² + j²) → π², π², 2π², 4π², 4π².
        double pi2 = Math.PI * Math.PI;
        assertThat(l[1]).isCloseTo(pi2, within(0.05 * pi2));
        assertThat(l[2]).isCloseTo(pi2, within(0.05 * pi2));
        assertThat(l[3]).isCloseTo(2 * pi2, within(0.05 * 2 * pi2));
        assertThat(l[4]).isCloseTo(4 * pi2, within(0.06 * 4 * pi2));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> GenericAlbedoPrior.compute(model.meanShape(), model.triangles(), new int[3], 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("68 landmark");
        assertThatThrownBy(() -> GenericAlbedoPrior.compute(model.meanShape(), model.triangles(), model.landmarkVertices(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eigenvector count");
    }
}
