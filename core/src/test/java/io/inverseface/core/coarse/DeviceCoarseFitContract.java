package io.inverseface.core.coarse;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.FaceParameters;
import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.core.synth.RecoveryMetrics;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.SolverSummary;
import io.inverseface.optim.backend.Backend;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A whole coarse fit with the energy evaluated on the device (float kernels, normal equations on the
 * device) against the same fit on the CPU (double): on the sample photo and on synthetic renders the two
 * fits agree (see {@link #assertSameFit}), and the device fit recovers a synthetic face as well as the CPU
 * fit does. Subclasses pick the backend (OpenCL on PoCL in CI, CUDA where present) or skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeviceCoarseFitContract {

    /**
     * Tolerances of the whole device fit against the whole CPU fit, RMS over the narrow face region. One
     * solve agrees to 1e-4 relative (DeviceSolveContract), but a fit runs fixed budgets of 5 iterations per
     * photometric round, refreshes the visible samples and the robust weights between rounds, and stops the
     * landmark rounds when the float model predicts a change below the function tolerance: rounding can
     * end a round one small step apart and the later rounds carry that on. Measured on PoCL: 0.52 px,
     * 0.65 mm and 0.14° on the sample photo, at most 0.0001 px, 0.0001 mm and 0.0003° on the synthetic faces.
     * Since the jaw contour weighs 0.3 (the real-face defaults), pitch lies in a flatter valley on the photo
     * and the same rounding moves it further: 0.29 px, 0.36 mm and 0.48–0.64° measured there.
     */
    static final double MAX_IMAGE_DIFFERENCE_PX = 1.0;
    static final double MAX_MESH_DIFFERENCE_MM = 1.0;
    static final double MAX_ANGLE_DIFFERENCE_DEG = 1.0;

    private FaceModel model;
    private FaceReconstructor cpu;
    private FaceReconstructor device;

    protected abstract Backend backend();

    /** Aborts (assumption) when the backend cannot be opened here. */
    protected abstract void assumeAvailable();

    private String skipReason;

    @BeforeAll
    void open() {
        try {
            assumeAvailable();
        } catch (org.opentest4j.TestAbortedException e) {
            skipReason = e.getMessage();
            return;
        }
        model = FaceModels.ictLight();
        cpu = FaceReconstructor.builder().model(model).backend(Backend.CPU).build();
        device = FaceReconstructor.builder().model(model).backend(backend()).build();
    }

    @org.junit.jupiter.api.BeforeEach
    void skipWithoutDevice() {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
    }

    @AfterAll
    void close() {
        for (FaceReconstructor r : new FaceReconstructor[] {cpu, device}) {
            if (r != null) {
                r.close();
            }
        }
    }

    @Test
    void samplePhotoFitMatchesTheCpuFit() throws Exception {
        RgbImage photo = ImageLoader.load(Samples.astronautImage());
        Landmarks landmarks = Landmarks.of(Samples.astronautLandmarks());
        Reconstruction onCpu = cpu.reconstruct(photo, landmarks);
        Reconstruction onDevice = device.reconstruct(photo, landmarks);
        assertEveryTermRanOnTheDevice(onDevice);
        assertSameFit(onCpu.parameters(), onDevice.parameters());
    }

    @Test
    void syntheticFitsMatchTheCpuFitsAndRecoverTheFace() {
        SyntheticFaceGenerator generator = SyntheticFaceGenerator.builder().model(model).seed(42).build();
        for (int i = 0; i < 2; i++) {
            SyntheticFace face = generator.face(i);
            Reconstruction onCpu = cpu.reconstruct(face.image(), face.landmarks());
            Reconstruction onDevice = device.reconstruct(face.image(), face.landmarks());
            assertSameFit(onCpu.parameters(), onDevice.parameters());
            RecoveryMetrics c = RecoveryMetrics.of(model, face, onCpu.parameters());
            RecoveryMetrics d = RecoveryMetrics.of(model, face, onDevice.parameters());
            assertThat(d.scaledVertexErrorMm()).as("face %d: device recovery vs CPU %.3f mm", i, c.scaledVertexErrorMm())
                    .isLessThanOrEqualTo(c.scaledVertexErrorMm() + 0.1);
        }
    }

    @Test
    void aResearchersTermWithoutKernelRunsOnTheHostBesideTheDeviceTerms() {
        io.inverseface.core.fit.FaceEnergy sym = io.inverseface.core.fit.FaceEnergy.of("no-kernel",
                java.util.Set.of(io.inverseface.core.fit.FitPhase.PHOTOMETRIC),
                ctx -> io.inverseface.core.fit.FaceTerm.of(new CentringTerm(ctx.bases().expressionCount()), 1e-3,
                        io.inverseface.core.fit.FaceBlock.EXPRESSION));
        try (FaceReconstructor mixed = FaceReconstructor.builder().model(model).backend(backend()).withEnergy(sym).build();
             FaceReconstructor reference = FaceReconstructor.builder().model(model).backend(Backend.CPU).withEnergy(sym)
                     .build()) {
            SyntheticFace face = SyntheticFaceGenerator.builder().model(model).seed(7).build().face(0);
            Reconstruction onDevice = mixed.reconstruct(face.image(), face.landmarks());
            Reconstruction onCpu = reference.reconstruct(face.image(), face.landmarks());
            List<SolverSummary> photometric = onDevice.summary().stages().stream()
                    .filter(s -> s.name().startsWith("photometric")).flatMap(s -> s.solves().stream()).toList();
            assertThat(photometric).isNotEmpty().allSatisfy(s -> assertThat(s.backend())
                    .contains("device-resident: ").contains("photo-consistency").contains("on the host: no-kernel"));
            assertThat(onDevice.summary().finalCostPerTerm()).containsKey("no-kernel");
            assertSameFit(onCpu.parameters(), onDevice.parameters());
        }
    }

    private static void assertEveryTermRanOnTheDevice(Reconstruction r) {
        for (StageSummary stage : r.summary().stages()) {
            for (SolverSummary s : stage.solves()) {
                assertThat(s.backend()).as(stage.name()).contains("device-resident").doesNotContain("on the host");
            }
        }
    }

    /**
     * The two fits explain the photo the same way: the projected face (what the data determines) within
     * {@value #MAX_IMAGE_DIFFERENCE_PX} px RMS, the shapes within {@value #MAX_MESH_DIFFERENCE_MM} mm RMS after
     * a similarity alignment (under weak perspective, face size and camera scale trade off along a direction
     * only the weak identity prior fixes, so float and double may settle at different points of it), and the
     * rotations within {@value #MAX_ANGLE_DIFFERENCE_DEG}°.
     */
    private void assertSameFit(FaceParameters a, FaceParameters b) {
        float[] va = model.instance(a.identity(), a.expression());
        float[] vb = model.instance(b.identity(), b.expression());
        int[] region = model.regionVertices(FaceRegion.NARROW);
        double sum = 0;
        float[] pa = new float[3], pb = new float[3];
        io.inverseface.render.WeakPerspectiveCamera ca = new io.inverseface.render.WeakPerspectiveCamera(a.pose(), 1, 1);
        io.inverseface.render.WeakPerspectiveCamera cb = new io.inverseface.render.WeakPerspectiveCamera(b.pose(), 1, 1);
        for (int v : region) {
            ca.project(va[3 * v], va[3 * v + 1], va[3 * v + 2], pa, 0);
            cb.project(vb[3 * v], vb[3 * v + 1], vb[3 * v + 2], pb, 0);
            sum += (pa[0] - pb[0]) * (pa[0] - pb[0]) + (pa[1] - pb[1]) * (pa[1] - pb[1]);
        }
        double imageRms = Math.sqrt(sum / region.length);
        double meshRms = RecoveryMetrics.alignedVertexError(vb, va, region, true);
        double yaw = Math.toDegrees(Math.abs(a.pose().yaw() - b.pose().yaw()));
        double pitch = Math.toDegrees(Math.abs(a.pose().pitch() - b.pose().pitch()));
        double roll = Math.toDegrees(Math.abs(a.pose().roll() - b.pose().roll()));
        String what = String.format(java.util.Locale.ROOT,
                "device vs CPU: image %.4f px, aligned mesh %.4f mm, yaw %.4f°, pitch %.4f°, roll %.4f°",
                imageRms, meshRms, yaw, pitch, roll);
        assertThat(imageRms).as(what).isLessThanOrEqualTo(MAX_IMAGE_DIFFERENCE_PX);
        assertThat(meshRms).as(what).isLessThanOrEqualTo(MAX_MESH_DIFFERENCE_MM);
        assertThat(Math.max(yaw, Math.max(pitch, roll))).as(what).isLessThanOrEqualTo(MAX_ANGLE_DIFFERENCE_DEG);
    }

    /** A plain {@link io.inverseface.optim.Term} with no kernel: pulls the expression towards zero. */
    private static final class CentringTerm implements io.inverseface.optim.Term {
        private final int size;

        CentringTerm(int size) {
            this.size = size;
        }

        @Override public String name() { return "no-kernel"; }
        @Override public int residualCount() { return size; }
        @Override public int[] blockSizes() { return new int[] {size}; }

        @Override
        public boolean evaluate(double[][] blocks, double[] residuals, double[][] jacobians) {
            System.arraycopy(blocks[0], 0, residuals, 0, size);
            if (jacobians != null && jacobians[0] != null) {
                java.util.Arrays.fill(jacobians[0], 0);
                for (int i = 0; i < size; i++) {
                    jacobians[0][i * size + i] = 1;
                }
            }
            return true;
        }
    }
}
