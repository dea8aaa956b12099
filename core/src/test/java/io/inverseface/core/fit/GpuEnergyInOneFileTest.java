package io.inverseface.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.optim.DerivativeChecker;
import io.inverseface.optim.SolverSummary;
import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.DeviceFixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link ExpressionTargetEnergy}, an energy with its own kernel written as one file, joins the coarse fit
 * through the public builder alone: on the CPU it does what it says, and on an OpenCL device (PoCL in CI)
 * the solver runs its kernel beside the built-in ones, with the same result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GpuEnergyInOneFileTest {

    private FaceModel model;
    private SyntheticFace face;
    private ExpressionTargetEnergy energy;
    private int jawOpen;

    @BeforeAll
    void setUp() {
        model = FaceModels.ictLight();
        face = SyntheticFaceGenerator.builder().model(model).seed(11).expressionStrength(0).build().face(0);
        jawOpen = model.expressionNames().indexOf("jawOpen");
        assertThat(jawOpen).as("a jawOpen blendshape").isGreaterThanOrEqualTo(0);
        double[] targets = new double[model.expressionCount()];
        Arrays.fill(targets, Double.NaN);
        targets[jawOpen] = 0.6;
        energy = new ExpressionTargetEnergy(1.0, targets);
    }

    @Test
    void itsJacobianMatchesFiniteDifferences() {
        double[] e = new double[model.expressionCount()];
        Arrays.fill(e, 0.2);
        assertThat(DerivativeChecker.check(new ExpressionTargetEnergy.TargetTerm(energy.targets()), e)
                .worstRelativeError()).isLessThan(1e-9);
    }

    @Test
    void onTheCpuItOpensTheJawOfANeutralFace() {
        double without = fit(Backend.CPU, false).parameters().expression()[jawOpen];
        Reconstruction with = fit(Backend.CPU, true);
        assertThat(without).isLessThan(0.1);
        assertThat(with.parameters().expression()[jawOpen]).isGreaterThan(0.4);
        assertThat(with.summary().finalCostPerTerm()).containsKey(ExpressionTargetEnergy.NAME);
    }

    @Test
    void onADeviceItsKernelRunsBesideTheBuiltInsWithTheSameResult() {
        DeviceFixtures.openClOrSkip().close();
        Reconstruction cpu = fit(Backend.CPU, true);
        Reconstruction device = fit(Backend.OPENCL, true);
        List<SolverSummary> solves = device.summary().stages().stream()
                .filter(s -> s.name().equals("landmarks") || s.name().startsWith("photometric"))
                .flatMap(s -> s.solves().stream()).toList();
        assertThat(solves).isNotEmpty().allSatisfy(s -> assertThat(s.backend())
                .contains("device-resident: ").contains(ExpressionTargetEnergy.NAME).doesNotContain("on the host"));
        assertThat(device.parameters().expression()[jawOpen])
                .isCloseTo(cpu.parameters().expression()[jawOpen], org.assertj.core.data.Offset.offset(0.02));
    }

    private Reconstruction fit(Backend backend, boolean withEnergy) {
        FaceReconstructor.Builder b = FaceReconstructor.builder().model(model).backend(backend).withoutDetail();
        if (withEnergy) {
            b.withEnergy(energy);
        }
        try (FaceReconstructor r = b.build()) {
            return r.reconstruct(face.image(), face.landmarks());
        }
    }
}
