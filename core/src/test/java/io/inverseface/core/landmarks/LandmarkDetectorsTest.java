package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LandmarkDetectorsTest {

    @Test
    void aBadSpecIsATypedErrorNamingTheSettingBeforeAnyNetLoads() {
        assertThatThrownBy(() -> LandmarkDetectors.parse("mediapipe:tiles=maybe"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tiles").hasMessageContaining("maybe");
        assertThatThrownBy(() -> LandmarkDetectors.parse("mediapipe:calibrate=yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("calibrate");
        assertThatThrownBy(() -> LandmarkDetectors.parse("combined:sparkle=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sparkle");
        assertThatThrownBy(() -> LandmarkDetectors.parse("face-api:refine=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no settings");
        assertThatThrownBy(() -> LandmarkDetectors.parse("dlib"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dlib");
    }

    @Test
    void theSettingsOfASpecReachTheDetectorItBuilds() {
        String described = LandmarkDetectors.parse("mediapipe:mirror=false,tiles=false,refine=0").get().description();
        assertThat(described).contains("refine=0").contains("mirror=false").contains("tiles=false");
        assertThat(LandmarkDetectors.parse("mediapipe:calibrate=true").get().description()).contains("calibrate=true");
        assertThat(LandmarkDetectors.parse("mediapipe").get().description()).contains("calibrate=false");
        assertThat(LandmarkDetectors.byName(described).description()).isEqualTo(described);
        assertThat(LandmarkDetectors.byName("combined:jaw=face-api,mirror=false").description())
                .contains("jaw=face-api").contains("mirror=false");
    }
}
