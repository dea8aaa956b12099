package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector on faces rendered from the face model, where the true landmark positions are the
 * projections of the model's landmark vertices.
 */
class SyntheticFaceLandmarkTest {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticFaceLandmarkTest.class);

    private static final int FACES = 5;

    @Test
    void meanErrorOnRendersUpToThirtyDegreesYawIsBelowEightPercentOfTheInterOcularDistance() {
        FaceModel model;
        try {
            model = FaceModels.ictLight();
        } catch (RuntimeException e) {
            Assumptions.abort("face model unavailable: " + e.getMessage());
            return;
        }
        List<SyntheticFace> faces = SyntheticFaceGenerator.builder().model(model).seed(11).imageSize(512)
                .yawRange(30).pitchRange(10).rollRange(5).landmarkNoise(0).expressionStrength(0.3)
                .build().faces(FACES);
        FaceApiLandmarkDetector detector = new FaceApiLandmarkDetector();

        double total = 0;
        for (int i = 0; i < FACES; i++) {
            SyntheticFace face = faces.get(i);
            List<DetectedFace> found = detector.detect(face.image());
            assertThat(found).as("faces found in render %d (%s)", i, face.truth()).hasSize(1);
            double error = FaceApiLandmarkDetectorTest.normalisedMeanError(found.get(0).landmarks(),
                    face.trueLandmarks());
            LOG.info("render {}: yaw {} deg, normalised mean landmark error {} %", i,
                    String.format("%.1f", Math.toDegrees(face.truth().pose().yaw())),
                    String.format("%.2f", 100 * error));
            total += error;
        }
        double mean = total / FACES;
        LOG.info("synthetic renders: mean normalised landmark error {} % over {} faces",
                String.format("%.2f", 100 * mean), FACES);
        assertThat(mean).isLessThan(0.08);
    }
}
