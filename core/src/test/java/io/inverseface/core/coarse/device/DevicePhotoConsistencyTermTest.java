package io.inverseface.core.coarse.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.coarse.VertexMajorBases;
import io.inverseface.core.coarse.terms.PhotoConsistencyTerm;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.optim.backend.opencl.OpenClDevice;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The OpenCL photo-consistency term against the CPU reference, block by block (float tolerance). */
class DevicePhotoConsistencyTermTest {

    private static OpenClDevice deviceOrSkip() {
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevice.discover();
        } catch (RuntimeException | LinkageError e) {
            devices = List.of();
        }
        Assumptions.assumeFalse(devices.isEmpty(), "no OpenCL platform/device");
        return devices.get(0);
    }

    /** The smooth test image of TermDerivativesTest (low-frequency sinusoids). */
    private static RgbImage smoothImage(int w, int h) {
        RgbImage img = new RgbImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(x, y, (float) (0.5 + 0.3 * Math.sin(x * 0.05) * Math.cos(y * 0.07)),
                        (float) (0.4 + 0.2 * Math.cos(x * 0.03 + y * 0.02)),
                        (float) (0.3 + 0.2 * Math.sin(y * 0.04 - x * 0.01)));
            }
        }
        return img;
    }

    @Test
    void residualsAndEveryJacobianBlockMatchTheCpuTerm() {
        OpenClDevice device = deviceOrSkip();
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
        RgbImage image = smoothImage(128, 128);
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
            try (DevicePhotoConsistencyTerm gpu = new DevicePhotoConsistencyTerm(bases, model.triangles(), samples,
                    image, 0.5, weights, device)) {
                int[] sizes = cpu.blockSizes();
                assertThat(gpu.blockSizes()).containsExactly(sizes);
                assertThat(gpu.residualCount()).isEqualTo(cpu.residualCount());
                int n = cpu.residualCount();
                double[] rc = new double[n], rd = new double[n];
                double[][] jc = new double[5][], jd = new double[5][];
                for (int j = 0; j < 5; j++) {
                    jc[j] = new double[n * sizes[j]];
                    jd[j] = new double[n * sizes[j]];
                    java.util.Arrays.fill(jd[j], Double.NaN);
                }
                assertThat(cpu.evaluate(blocks, rc, jc)).isTrue();
                assertThat(gpu.evaluate(blocks, rd, jd)).isTrue();
                assertClose("residuals", rc, rd);
                String[] names = {"pose", "identity", "expression", "albedo", "lighting"};
                for (int j = 0; j < 5; j++) {
                    assertClose(names[j], jc[j], jd[j]);
                }
                // Residual-only evaluation gives the same residuals.
                double[] rOnly = new double[n];
                assertThat(gpu.evaluate(blocks, rOnly, null)).isTrue();
                assertThat(rOnly).containsExactly(rd);

                if (weights == null) {
                    int reps = 5;
                    gpu.evaluate(blocks, rd, jd);
                    long t0 = System.nanoTime();
                    for (int k = 0; k < reps; k++) {
                        gpu.evaluate(blocks, rd, jd);
                    }
                    long t1 = System.nanoTime();
                    for (int k = 0; k < reps; k++) {
                        cpu.evaluate(blocks, rc, jc);
                    }
                    long t2 = System.nanoTime();
                    System.out.printf("evaluate with Jacobians, %d samples: device (%s) %.3f ms, CPU term %.3f ms%n",
                            samples.length, device.describe(), (t1 - t0) / 1e6 / reps, (t2 - t1) / 1e6 / reps);
                }
            }
        }
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        double maxAbs = 0, maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            double d = Math.abs(expected[i] - actual[i]);
            maxDiff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(maxDiff, d);
        }
        System.out.printf("%-10s max |value| %.3e, max |diff| %.3e (%.1e relative)%n", what, maxAbs, maxDiff, maxDiff / maxAbs);
        assertThat(maxAbs).as(what + " is all zero").isGreaterThan(0);
        assertThat(maxDiff).as(what + ": max |diff| vs max |value| " + maxAbs).isLessThanOrEqualTo(1e-3 * maxAbs);
    }
}
