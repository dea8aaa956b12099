package io.inverseface.core;

import io.inverseface.core.fit.FaceBlock;
import io.inverseface.core.fit.FaceEnergy;
import io.inverseface.core.fit.FaceTerm;
import io.inverseface.core.fit.FitPhase;
import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.core.fit.landmarks.LandmarkEnergy;
import io.inverseface.core.fit.prior.PriorEnergy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.core.io.FaceTooSmallException;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.InvalidLandmarksException;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.DerivativeChecker;
import io.inverseface.optim.backend.Backend;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fluent API: energies added, removed and replaced by name; bad input; sharing between threads. */
class FaceReconstructorTest {

    private static FaceModel model;
    private static RgbImage photo;
    private static Landmarks landmarks;

    @BeforeAll
    static void load() {
        model = FaceModels.ictLight();
        photo = ImageLoader.load(Samples.astronautImage());
        landmarks = Landmarks.of(Samples.astronautLandmarks());
    }

    /** A fast configuration: the landmark phase only (the photometric phases are tested elsewhere). */
    private static FaceReconstructor.Builder landmarksOnly() {
        return FaceReconstructor.builder().model(model).backend(Backend.CPU)
                .coarse(c -> c.identityModes(40).photometricRounds(0).appearanceIterations(0));
    }

    private static double asymmetry(SymmetryPriorTerm term, double[] identity) {
        double[] r = new double[term.residualCount()];
        term.evaluate(new double[][] {identity}, r, null);
        double s = 0;
        for (double v : r) {
            s += v * v;
        }
        return s;
    }

    @Test
    void aResearchersOwnTermJoinsTheFitWithoutTouchingTheSolver() {
        VertexMajorBases bases = VertexMajorBases.of(model, 40);
        SymmetryPriorTerm symmetry = new SymmetryPriorTerm(model, bases, 400);
        assertThat(symmetry.pairCount()).isGreaterThan(100);
        assertThat(DerivativeChecker.check(symmetry, new double[40]).worstRelativeError()).isLessThan(1e-7);

        FaceEnergy energy = FaceEnergy.of("symmetry", Set.of(FitPhase.LANDMARKS, FitPhase.PHOTOMETRIC),
                ctx -> FaceTerm.of(new SymmetryPriorTerm(ctx.model(), ctx.bases(), 400), 1.0, FaceBlock.IDENTITY));
        FaceReconstructor plain = landmarksOnly().build();
        FaceReconstructor symmetric = landmarksOnly().withEnergy(energy).build();
        assertThat(symmetric.energyNames()).contains("symmetry");

        Reconstruction a = plain.reconstruct(photo, landmarks);
        Reconstruction b = symmetric.reconstruct(photo, landmarks);
        double before = asymmetry(symmetry, a.parameters().identity());
        double after = asymmetry(symmetry, b.parameters().identity());
        assertThat(after).isLessThan(0.5 * before);
        assertThat(b.summary().finalCostPerTerm()).containsKey("symmetry");
        // The landmarks still fit: the new term did not break the others.
        assertThat(b.landmarkRmsPixels()).isLessThan(4.0);
    }

    @Test
    void termsCanBeRemovedAndReplacedByName() {
        FaceReconstructor noPrior = landmarksOnly().withoutEnergy(PriorEnergy.IDENTITY).build();
        assertThat(noPrior.energyNames()).doesNotContain(PriorEnergy.IDENTITY);

        // Replace the landmark energy by one that ignores the landmarks' jaw contour: the fit still runs
        // and reports the replacement's cost under its own name.
        FaceEnergy replaced = FaceEnergy.of("landmarks-inner", Set.of(FitPhase.LANDMARKS),
                ctx -> LandmarkEnergy.defaults().build(ctx));
        FaceReconstructor r = landmarksOnly().replaceEnergy(LandmarkEnergy.NAME, replaced).build();
        assertThat(r.energyNames()).contains("landmarks-inner").doesNotContain(LandmarkEnergy.NAME);
        // The summary keys each cost by the energy's name, not by its term's.
        assertThat(r.reconstruct(photo, landmarks).summary().finalCostPerTerm()).containsKey("landmarks-inner")
                .doesNotContainKey(LandmarkEnergy.NAME);

        Reconstruction withoutPrior = noPrior.reconstruct(photo, landmarks);
        Reconstruction withPrior = landmarksOnly().build().reconstruct(photo, landmarks);
        // Without its prior the identity is free to chase the landmarks: larger coefficients, smaller error.
        assertThat(norm(withoutPrior.parameters().identity())).isGreaterThan(norm(withPrior.parameters().identity()));
        assertThat(withoutPrior.landmarkRmsPixels()).isLessThanOrEqualTo(withPrior.landmarkRmsPixels() + 1e-6);

        assertThatThrownBy(() -> landmarksOnly().withoutEnergy("nonexistent"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonexistent");
        assertThatThrownBy(() -> landmarksOnly().withEnergy(LandmarkEnergy.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already present");
    }

    @Test
    void anEnergyOwnsItsWeightsAndTheLandmarkNoiseSetsTheShapePriors() {
        FaceReconstructor r = landmarksOnly()
                .updateEnergy(LandmarkEnergy.NAME, LandmarkEnergy.class, e -> e.withWeight(20).withJawWeight(1))
                .landmarkNoise(0.01).build();
        LandmarkEnergy lan = (LandmarkEnergy) r.energies().get(r.energyNames().indexOf(LandmarkEnergy.NAME));
        PriorEnergy id = (PriorEnergy) r.energies().get(r.energyNames().indexOf(PriorEnergy.IDENTITY));
        PriorEnergy exp = (PriorEnergy) r.energies().get(r.energyNames().indexOf(PriorEnergy.EXPRESSION));
        assertThat(lan.jawWeight()).isEqualTo(1.0);
        // MAP: w_id = w_lan·σ²/68 with the landmark weight as it was set before, w_exp = w_id/0.3².
        assertThat(id.weight()).isCloseTo(20 * 0.01 * 0.01 / 68, within(1e-15));
        assertThat(id.photometricWeight()).isEqualTo(id.weight());
        assertThat(exp.weight()).isCloseTo(id.weight() / 0.09, within(1e-15));

        assertThatThrownBy(() -> landmarksOnly().updateEnergy(PriorEnergy.IDENTITY, LandmarkEnergy.class, e -> e))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PriorEnergy");
        assertThatThrownBy(() -> LandmarkEnergy.defaults().withJawWeight(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("landmarks: jawWeight");
        assertThatThrownBy(() -> landmarksOnly().landmarkNoise(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("landmark noise");
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void aFaceCutByTheFrameIsFitted() {
        // Crop the photo so that the first jaw point lies 3 px left of the frame.
        FaceReconstructor r = landmarksOnly().build();
        int x0 = (int) Math.ceil(landmarks.x(0)) + 3, w = photo.width() - x0, h = photo.height();
        float[][] rgb = {new float[w * h], new float[w * h], new float[w * h]};
        float[][] src = {photo.r(), photo.g(), photo.b()};
        for (int y = 0; y < h; y++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(src[c], y * photo.width() + x0, rgb[c], y * w, w);
            }
        }
        RgbImage cropped = new RgbImage(w, h, rgb[0], rgb[1], rgb[2]);
        double[][] cut = landmarks.toArray();
        for (double[] p : cut) {
            p[0] -= x0;
        }
        assertThat(cut[0][0]).isLessThan(-2.9);
        Reconstruction whole = r.reconstruct(photo, landmarks);
        assertThat(r.reconstruct(cropped, cut).landmarkRmsPixels()).isLessThan(whole.landmarkRmsPixels() + 0.5);
    }

    @Test
    void badInputGivesTypedErrorsNamingTheProblem() {
        FaceReconstructor r = landmarksOnly().build();
        double[][] outside = landmarks.toArray();
        outside[30][0] = photo.width() + 50;
        assertThatThrownBy(() -> r.reconstruct(photo, outside)).isInstanceOf(InvalidLandmarksException.class)
                .hasMessageContaining("30");
        double[][] tiny = landmarks.toArray();
        double[] c = landmarks.centroid(io.inverseface.core.io.LandmarkGroup.values()[0]);
        for (double[] p : tiny) {
            p[0] = c[0] + 0.2 * (p[0] - c[0]);
            p[1] = c[1] + 0.2 * (p[1] - c[1]);
        }
        assertThatThrownBy(() -> r.reconstruct(photo, tiny)).isInstanceOf(FaceTooSmallException.class);
        double[][] nan = landmarks.toArray();
        nan[3][1] = Double.NaN;
        assertThatThrownBy(() -> r.reconstruct(photo, nan)).isInstanceOf(InvalidLandmarksException.class);
        assertThatThrownBy(() -> r.reconstruct(photo, new double[67][2])).isInstanceOf(InvalidLandmarksException.class)
                .hasMessageContaining("68");
    }

    @Test
    void oneReconstructorServesManyThreadsWithIdenticalResults() throws Exception {
        FaceReconstructor r = landmarksOnly().build();
        Reconstruction reference = r.reconstruct(photo, landmarks);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            java.util.List<Future<Reconstruction>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(pool.submit(() -> r.reconstruct(photo, landmarks)));
            }
            for (Future<Reconstruction> f : futures) {
                assertThat(f.get().parameters()).isEqualTo(reference.parameters());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resultCarriesASummaryPerStage() {
        Reconstruction r = landmarksOnly().build().reconstruct(photo, landmarks);
        assertThat(r.summary().stages()).extracting(s -> s.name()).containsExactly("initial-pose", "landmarks");
        assertThat(r.summary().iterations()).isPositive();
        assertThat(r.summary().fullReport()).contains("landmarks").contains("ms");
        assertThat(r.mesh().vertexCount()).isEqualTo(model.vertexCount());
        assertThat(r.photo()).isSameAs(photo);
        assertThat(io.inverseface.core.output.Overlay.of(r).width()).isEqualTo(photo.width());
    }

    @Test
    void withoutLandmarksTheDetectorFindsThem() {
        Reconstruction r = landmarksOnly().build().reconstruct(photo);
        double sum = 0;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            sum += Math.hypot(r.landmarks().x(i) - landmarks.x(i), r.landmarks().y(i) - landmarks.y(i));
        }
        assertThat(sum / Landmarks.COUNT / landmarks.interOcularDistance()).isLessThan(0.08);
        assertThatThrownBy(() -> landmarksOnly().build().reconstruct(new RgbImage(64, 64, new float[4096],
                new float[4096], new float[4096])))
                .isInstanceOf(io.inverseface.core.landmarks.NoFaceFoundException.class);
    }

    @Test
    void inputChecksOnceAndTheFitOfACheckedInputIsTheFitOfThePhoto() {
        FaceReconstructor reconstructor = landmarksOnly().build();
        FitInput input = reconstructor.input(photo, landmarks);
        assertThat(input.image()).isSameAs(photo);
        assertThat(reconstructor.reconstruct(input).parameters().identity())
                .containsExactly(reconstructor.reconstruct(photo, landmarks).parameters().identity());
        double[][] far = landmarks.toArray();
        far[0] = new double[] {-500, -500};
        assertThatThrownBy(() -> reconstructor.input(photo, Landmarks.of(far)))
                .isInstanceOf(io.inverseface.core.io.InvalidLandmarksException.class).hasMessageContaining("landmark 0");
    }

    @Test
    void aFaceChoiceBeyondThoseFoundSaysHowManyThereAre() {
        FaceReconstructor reconstructor = landmarksOnly().build();
        assertThatThrownBy(() -> reconstructor.input(photo, io.inverseface.core.landmarks.FaceChoice.index(3)))
                .isInstanceOfSatisfying(io.inverseface.core.landmarks.NoFaceFoundException.class,
                        e -> assertThat(e.facesFound()).isEqualTo(1))
                .hasMessageContaining("face 3 asked for, but 1 found in the image (512x512)");
    }
}
