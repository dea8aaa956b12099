package io.inverseface.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.landmarks.FaceChoice;
import io.inverseface.core.landmarks.LandmarkDetectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class ReconstructorSettingsTest {

    @Test
    void theShortFormDetectsTheLargestFaceWithTheDefaultDetector() {
        ReconstructorSettings s = new ReconstructorSettings(true, false, "CPU");
        assertThat(s.detector()).isEqualTo(LandmarkDetectors.DEFAULT);
        assertThat(s.faceChoice()).isEqualTo(FaceChoice.largest());
    }

    @Test
    void aBadFaceChoiceFailsOnTheDriverNamingIt() {
        assertThatThrownBy(() -> new ReconstructorSettings(true, false, "CPU", "combined", "biggest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("biggest");
    }

    @Test
    void theSettingsTravelToAnExecutorAndBuildTheDetectorTheyName() throws Exception {
        ReconstructorSettings s = new ReconstructorSettings(true, false, "CPU", "face-api", "2");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        ReconstructorSettings back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (ReconstructorSettings) in.readObject();
        }
        assertThat(back).isEqualTo(s);
        assertThat(back.faceChoice()).isEqualTo(FaceChoice.index(2));
        try (FaceReconstructor r = back.build()) {
            assertThat(r.detectorName()).startsWith("face-api");
        }
    }
}
