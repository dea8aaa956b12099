package io.inverseface.core.fit;

import io.inverseface.core.fit.landmarks.LandmarkTerm;
import io.inverseface.core.fit.photometric.PhotoConsistencyTerm;
import io.inverseface.optim.backend.DeviceTestBase;
import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.FaceParameters;
import io.inverseface.optim.NormalPrior;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.optim.Method;
import io.inverseface.optim.Problem;
import io.inverseface.optim.Solver;
import io.inverseface.optim.SolverOptions;
import io.inverseface.optim.SolverSummary;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.cpu.CpuBackend;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * One joint photometric Levenberg-Marquardt solve (photo-consistency, landmarks and the three priors
 * over all five blocks, as the coarse stage's photometric step builds it) from the same start on the CPU
 * (double) and with every term on the device (float): same iterations accepted, final cost within
 * {@value #COST_TOLERANCE} relative, every parameter within {@value #PARAMETER_TOLERANCE} of the largest
 * value of its block. This is the "GPU equals CPU" statement for one Gauss-Newton solve; whole fits, whose
 * fixed iteration budgets let rounding move the end point further, are compared in DeviceCoarseFitContract.
 */
abstract class DeviceSolveContract extends DeviceTestBase {

    static final double COST_TOLERANCE = 1e-4;
    static final double PARAMETER_TOLERANCE = 1e-3;





    @Test
    void photometricSolveOnTheDeviceMatchesTheCpuSolve() {
        // The model's own landmark vertices, not the shipped embedding's: this checks the kernels' arithmetic
        // on one fixed problem, and six LM steps from the mean face are a chaotic map of the problem (with
        // the embedding's eye points this instance ends 1e-3 apart in float and double, and moving only the
        // eye corners changes which trial step is accepted). Whole fits are compared in DeviceCoarseFitContract.
        FaceModel model = new io.inverseface.core.model.IctLightModelLoader(true,
                io.inverseface.core.model.GenericAlbedoPrior.DEFAULT_EIGENVECTORS,
                io.inverseface.core.model.LandmarkEmbedding.none())
                .load(io.inverseface.data.model.ModelResolver.defaults().resolve().directory());
        VertexMajorBases bases = VertexMajorBases.of(model, 40, 30);
        SyntheticFace face = SyntheticFaceGenerator.builder().model(model).seed(42).build().face(1);
        double[][] start = start(face.truth(), bases);
        double[][] onCpu = copy(start);
        double[][] onDevice = copy(start);
        SolverSummary cpuSummary;
        try (LinearAlgebraBackend cpu = new CpuBackend(1)) {
            cpuSummary = Solver.solve(problem(model, bases, face, onCpu), options(cpu));
        }
        SolverSummary deviceSummary = Solver.solve(problem(model, bases, face, onDevice), options(backend));

        assertThat(deviceSummary.backend()).contains("device-resident").doesNotContain("on the host");
        assertThat(deviceSummary.successfulSteps()).isEqualTo(cpuSummary.successfulSteps());
        assertThat(deviceSummary.finalCost()).isCloseTo(cpuSummary.finalCost(),
                org.assertj.core.data.Percentage.withPercentage(100 * COST_TOLERANCE));
        assertThat(cpuSummary.finalCost()).isLessThan(0.5 * cpuSummary.initialCost());
        String[] names = {"pose", "identity", "expression", "albedo", "lighting"};
        for (int b = 0; b < 5; b++) {
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < onCpu[b].length; i++) {
                scale = Math.max(scale, Math.abs(onCpu[b][i]));
                diff = Math.max(diff, Math.abs(onCpu[b][i] - onDevice[b][i]));
            }
            assertThat(diff).as("%s: max |device − CPU| against max |CPU| %.4g", names[b], scale)
                    .isLessThanOrEqualTo(PARAMETER_TOLERANCE * Math.max(scale, 1e-3));
        }
    }

    private static SolverOptions options(LinearAlgebraBackend backend) {
        return SolverOptions.builder().method(Method.LEVENBERG_MARQUARDT).backend(backend).maxIterations(6).build();
    }

    /** Truth pose nudged, mean shape and albedo, lighting from the truth: a photometric round's kind of start. */
    private static double[][] start(FaceParameters truth, VertexMajorBases bases) {
        double[] pose = PoseBlock.of(truth.pose());
        pose[PoseBlock.YAW] += 0.03;
        pose[PoseBlock.PITCH] -= 0.02;
        pose[PoseBlock.TX] += 2;
        return new double[][] {pose, new double[bases.identityCount()], new double[bases.expressionCount()],
                new double[bases.albedoCount()], truth.lighting().coefficients().clone()};
    }

    private static double[][] copy(double[][] blocks) {
        double[][] out = new double[blocks.length][];
        for (int i = 0; i < blocks.length; i++) {
            out[i] = blocks[i].clone();
        }
        return out;
    }

    private static Problem problem(FaceModel model, VertexMajorBases bases, SyntheticFace face, double[][] blocks) {
        RgbImage li = face.image();
        RgbImage image = li;
        int[] narrow = model.regionVertices(FaceRegion.NARROW);
        int[] samples = new int[narrow.length / 6];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = narrow[6 * i];
        }
        double[] targets = face.landmarks().coordinates();
        return Problem.builder()
                .addTerm(new PhotoConsistencyTerm(bases, model.triangles(), samples, image, 1.0), null, 1.0, blocks)
                .addTerm(new LandmarkTerm(bases, model.landmarkVertices(), targets, null,
                        face.landmarks().interOcularDistance()), null, 10.0, blocks[0], blocks[1], blocks[2])
                .addTerm(new NormalPrior(Arrays.copyOf(model.identityBasis().sigma(), bases.identityCount())),
                        null, 1e-4, blocks[1])
                .addTerm(new NormalPrior(model.expressionBasis().sigma()), null, 1e-3, blocks[2])
                .addTerm(new NormalPrior(Arrays.copyOf(model.albedoBasis().sigma(), bases.albedoCount())),
                        null, 1e-3, blocks[3])
                .build();
    }
}
