package io.inverseface.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.core.synth.RecoveryMetrics;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The joint fit of several photos of one person: one identity and albedo, a pose, expression and light
 * per photo. Three synthetic views of one face (yaw up to ±40°, their own expressions and lights, noisy
 * landmarks) pin the identity better than any one of them does alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiViewReconstructionTest {

    private FaceModel model;
    private List<SyntheticFace> views;
    private int[] region;

    @BeforeAll
    void setUp() {
        model = FaceModels.ictLight();
        region = model.regionVertices(FaceRegion.NARROW);
        views = SyntheticFaceGenerator.builder().model(model).seed(5).yawRange(40).expressionCount(2)
                .expressionStrength(0.5).landmarkNoise(2.0).imageNoise(0.02).build().views(3, 3);
    }

    @Test
    void theJointIdentityIsCloserToTheTruthThanAnySingleViewsAndIsSharedByEveryView() {
        double[] truth = views.get(0).truth().identity();
        try (FaceReconstructor r = FaceReconstructor.builder().model(model).withoutDetail().build()) {
            double best = Double.MAX_VALUE;
            for (SyntheticFace v : views) {
                double single = neutralError(r.reconstruct(v.image(), v.landmarks()).parameters().identity(), truth);
                best = Math.min(best, single);
            }
            MultiViewReconstruction joint = r.reconstruct(images(), landmarks());
            double jointError = neutralError(joint.identity(), truth);

            assertThat(jointError).as("joint %.3f mm against the best single view's %.3f mm", jointError, best)
                    .isLessThan(best);
            assertThat(joint.views()).hasSize(3).allSatisfy(view -> {
                assertThat(view.parameters().identity()).containsExactly(joint.identity());
                assertThat(view.parameters().albedo()).containsExactly(joint.albedoCoefficients());
            });
            // Each view keeps its own pose: the fitted yaws follow the true ones.
            for (int i = 0; i < 3; i++) {
                assertThat(joint.views().get(i).parameters().pose().yaw())
                        .isCloseTo(views.get(i).truth().pose().yaw(), org.assertj.core.data.Offset.offset(0.1));
            }
        }
    }

    @Test
    void aMismatchedOrBadInputNamesThePhoto() {
        try (FaceReconstructor r = FaceReconstructor.builder().model(model).withoutDetail().build()) {
            assertThatThrownBy(() -> r.reconstruct(images(), landmarks().subList(0, 2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 photos, 2 landmark sets");
            double[] far = landmarks().get(1).coordinates();
            for (int i = 0; i < far.length; i++) {
                far[i] += 10_000;
            }
            assertThatThrownBy(() -> r.reconstruct(images(), List.of(landmarks().get(0), new Landmarks(far),
                    landmarks().get(2)))).hasMessageContaining("photo 2 of 3");
        }
    }

    private List<RgbImage> images() {
        return views.stream().map(SyntheticFace::image).toList();
    }

    private List<Landmarks> landmarks() {
        return views.stream().map(SyntheticFace::landmarks).toList();
    }

    /** RMS distance (mm) between the neutral face regions of two identities after a similarity alignment. */
    private double neutralError(double[] identity, double[] truth) {
        float[] a = model.instance(identity, new double[0]);
        float[] b = model.instance(truth, new double[0]);
        return RecoveryMetrics.alignedVertexError(a, b, region, true);
    }
}
