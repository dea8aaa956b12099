package io.inverseface.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.core.fit.landmarks.LandmarkTerm;
import io.inverseface.core.fit.photometric.PhotoConsistencyTerm;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.optim.NormalPrior;
import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.DeviceTestBase;
import io.inverseface.optim.device.DeviceTerm;
import io.inverseface.optim.device.DeviceTermEvaluator;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The coarse terms' kernels (photo-consistency, landmarks, prior) against their CPU terms, block by block, written into a device Jacobian
 * at a row and column offset as the solver does (float: within 1e-3 of the largest value of a block).
 * Subclasses open an OpenCL (PoCL in CI) or CUDA backend, or skip.
 */
abstract class CoarseTermKernelsContract extends DeviceTestBase {

    private static final int ROW0 = 5;
    private static final int COL0 = 2;





    @Test
    void photoConsistencyKernelMatchesTheCpuTerm() {
        FaceModel model = FaceModels.ictLight();
        VertexMajorBases bases = VertexMajorBases.of(model, 40);
        Random rnd = new Random(5);
        int[] narrow = model.regionVertices(FaceRegion.NARROW);
        int[] samples = new int[200];
        double[] sampleWeights = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = narrow[rnd.nextInt(narrow.length)];
            sampleWeights[i] = 0.5 + rnd.nextDouble();
        }
        RgbImage image = TermDerivativesTest.smoothImage(128, 128);
        double[] pose = {0.2 * rnd.nextGaussian(), 0.4 * rnd.nextGaussian(), 0.1 * rnd.nextGaussian(),
                128 + 5 * rnd.nextGaussian(), 128 + 5 * rnd.nextGaussian(), 0.9 + 0.1 * rnd.nextDouble()};
        double[] identity = new double[40];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = rnd.nextGaussian();
        }
        double[] expression = new double[model.expressionCount()];
        for (int i = 0; i < expression.length; i++) {
            expression[i] = 0.5 * rnd.nextDouble();
        }
        double[] albedo = new double[model.albedoCount()];
        for (int i = 0; i < albedo.length; i++) {
            albedo[i] = 0.02 * rnd.nextGaussian();
        }
        double[] light = SphericalHarmonicsLighting.fromDirectional(0.3, 0.5, 1, 0.8, 0.4).coefficients();
        for (int i = 0; i < light.length; i++) {
            light[i] += 0.05 * rnd.nextGaussian();
        }
        double[][] blocks = {pose, identity, expression, albedo, light};
        for (double[] weights : new double[][] {null, sampleWeights}) {
            PhotoConsistencyTerm cpu = new PhotoConsistencyTerm(bases, model.triangles(), samples, image, 0.5, weights);
            assertDeviceMatchesHost(cpu, blocks, -1);
            assertDeviceMatchesHost(cpu, blocks, 1);
        }
        // A pinhole 350 mm from the face (strong perspective), principal point off the face centre.
        Projection pinhole = new Projection(1.0 / (350 * pose[5]), 120, 140);
        PhotoConsistencyTerm perspective = new PhotoConsistencyTerm(bases, model.triangles(), samples, image, 0.5,
                pinhole, sampleWeights);
        assertDeviceMatchesHost(perspective, blocks, -1);
        assertDeviceMatchesHost(perspective, blocks, 2);
    }

    @Test
    void landmarkKernelMatchesTheCpuTermWithPointAndCurveResiduals() {
        FaceModel model = FaceModels.ictLight();
        VertexMajorBases bases = VertexMajorBases.of(model, 40);
        Random rnd = new Random(9);
        int[] vertices = model.landmarkVertices();
        int n = vertices.length;
        double[] targets = new double[2 * n], pointWeights = new double[n], normals = new double[2 * n];
        for (int i = 0; i < n; i++) {
            targets[2 * i] = 100 + 40 * rnd.nextGaussian();
            targets[2 * i + 1] = 120 + 40 * rnd.nextGaussian();
            pointWeights[i] = i <= 16 ? 0.5 : 1.0;
            if (i < 8) { // the far jaw: point-to-curve
                double a = rnd.nextDouble() * 2 * Math.PI;
                normals[2 * i] = Math.cos(a);
                normals[2 * i + 1] = Math.sin(a);
            }
        }
        double[][] blocks = {{0.1, -0.3, 0.05, 110, 130, 1.2}, gaussian(rnd, 40, 1.0),
                gaussian(rnd, model.expressionCount(), 0.2)};
        LandmarkTerm term = new LandmarkTerm(bases, vertices, targets, pointWeights, normals, 55.0);
        assertDeviceMatchesHost(term, blocks, -1);
        assertDeviceMatchesHost(term, blocks, 0);
        LandmarkTerm perspective = new LandmarkTerm(bases, vertices, targets, pointWeights, normals, 55.0,
                new Projection(1.0 / (350 * 1.2), 100, 120));
        assertDeviceMatchesHost(perspective, blocks, -1);
        assertDeviceMatchesHost(perspective, blocks, 1);
    }

    @Test
    void priorKernelMatchesTheCpuTerm() {
        Random rnd = new Random(13);
        double[] sigma = new double[37];
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = 0.1 + rnd.nextDouble();
        }
        assertDeviceMatchesHost(new NormalPrior(sigma), new double[][] {gaussian(rnd, 37, 1.0)}, -1);
    }

    private static double[] gaussian(Random rnd, int n, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sd * rnd.nextGaussian();
        }
        return v;
    }

    /**
     * Binds the term to the device and writes it as the solver lays it out (rows from ROW0, blocks side by
     * side from COL0, block {@code constantBlock} constant unless −1); compares residuals and every free
     * block with the CPU term, and checks that nothing outside the term's rows and free columns was written.
     */
    private void assertDeviceMatchesHost(DeviceTerm term, double[][] blocks, int constantBlock) {
        ComputeDevice device = backend.compute();
        int[] sizes = term.blockSizes();
        int nb = sizes.length;
        int n = term.residualCount();
        double[] rc = new double[n];
        double[][] jc = new double[nb][];
        for (int j = 0; j < nb; j++) {
            jc[j] = new double[n * sizes[j]];
        }
        assertThat(term.evaluate(blocks, rc, jc)).isTrue();
        int[] offsets = new int[nb];
        int[] columns = new int[nb];
        int col = COL0;
        for (int j = 0; j < nb; j++) {
            columns[j] = col;
            offsets[j] = j == constantBlock ? -1 : col;
            col += sizes[j];
        }
        int ld = col + 1;
        int rows = ROW0 + n + 2;
        double scale = 0.7;
        try (DenseJacobian jac = backend.allocateJacobian(rows, ld); DeviceBuffer res = device.allocate(rows);
             DeviceTermEvaluator gpu = term.bindTo(device)) {
            device.fillZero(res, 0, rows);
            assertThat(gpu.evaluate(blocks, res, backend.memoryOf(jac), ROW0, ld, offsets, scale)).isTrue();
            float[] r = new float[rows];
            float[] j = new float[rows * ld];
            device.read(res, 0, r, rows);
            device.read(backend.memoryOf(jac), 0, j, j.length);
            double[] rd = new double[n];
            for (int i = 0; i < n; i++) {
                rd[i] = r[ROW0 + i] / scale;
            }
            assertClose(term.name() + " residuals", rc, rd);
            for (int b = 0; b < nb; b++) {
                double[] got = new double[n * sizes[b]];
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < sizes[b]; c++) {
                        got[i * sizes[b] + c] = j[(ROW0 + i) * ld + columns[b] + c] / scale;
                    }
                }
                if (b == constantBlock) {
                    assertThat(got).as("constant block %d untouched", b).containsOnly(0.0);
                } else if (sizes[b] > 0) {
                    assertClose(term.name() + " block " + b, jc[b], got);
                }
            }
            for (int i = 0; i < rows; i++) {
                boolean inside = i >= ROW0 && i < ROW0 + n;
                for (int c = 0; c < ld; c++) {
                    if (!inside || c < COL0 || c == ld - 1) {
                        assertThat(j[i * ld + c]).as("J[%d,%d] outside the term", i, c).isZero();
                    }
                }
                if (!inside) {
                    assertThat(r[i]).as("r[%d] outside the term", i).isZero();
                }
            }
            // Residual-only evaluation gives the same residuals.
            device.fillZero(res, 0, rows);
            assertThat(gpu.evaluate(blocks, res, null, ROW0, ld, offsets, scale)).isTrue();
            float[] rOnly = new float[rows];
            device.read(res, 0, rOnly, rows);
            assertThat(rOnly).containsExactly(r);
        }
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        double maxAbs = 0, maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            double d = Math.abs(expected[i] - actual[i]);
            maxDiff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(maxDiff, d);
        }
        assertThat(maxAbs).as(what + " is all zero").isGreaterThan(0);
        assertThat(maxDiff).as(what + ": max |diff| vs max |value| " + maxAbs).isLessThanOrEqualTo(1e-3 * maxAbs);
    }
}
