package io.inverseface.core.io;

import io.inverseface.render.RgbImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.data.samples.Samples;
import org.junit.jupiter.api.Test;

/** The shipped sample goes through the real readers and the validator. */
class SampleInputsTest {

    @Test
    void sampleImageAndLandmarksAreValidInput() {
        RgbImage image = ImageLoader.load(Samples.astronautImage());
        Landmarks landmarks = Landmarks.of(Samples.astronautLandmarks());

        assertThat(image.width()).isEqualTo(512);
        assertThat(image.height()).isEqualTo(512);
        assertThatCode(() -> InputValidator.validate(image, landmarks)).doesNotThrowAnyException();
        assertThat(landmarks.interOcularDistance()).isBetween(60.0, 200.0);
    }

    @Test
    void eyeAndNoseLandmarksSitOnTheirFeatures() {
        RgbImage image = ImageLoader.load(Samples.astronautImage());
        Landmarks lm = Landmarks.of(Samples.astronautLandmarks());
        // Iris between the eye corners is darker than the skin on the nose bridge (27-28).
        double bridge = luma(image, (lm.x(27) + lm.x(28)) / 2, (lm.y(27) + lm.y(28)) / 2);
        for (int[] eye : new int[][] {{37, 38, 40, 41}, {43, 44, 46, 47}}) {
            double cx = 0;
            double cy = 0;
            for (int i : eye) {
                cx += lm.x(i) / 4;
                cy += lm.y(i) / 4;
            }
            assertThat(luma(image, cx, cy)).as("eye around %d", eye[0]).isLessThan(bridge - 0.2);
        }
        // The nostrils (32, 34) are in shadow below the lit nose tip (30).
        double tip = luma(image, lm.x(30), lm.y(30));
        assertThat(luma(image, lm.x(32), lm.y(32))).isLessThan(tip - 0.2);
        assertThat(luma(image, lm.x(34), lm.y(34))).isLessThan(tip - 0.2);
    }

    /** Rec. 601 luma of the pixel containing (x, y), on sRGB-encoded values. */
    private static double luma(RgbImage img, double x, double y) {
        int i = img.index((int) Math.floor(x), (int) Math.floor(y));
        return 0.299 * img.r()[i] + 0.587 * img.g()[i] + 0.114 * img.b()[i];
    }

    @Test
    void ptsAndJsonCopiesAgreeThroughTheReaders() {
        Landmarks fromPts = LandmarksReader.read(Samples.astronautLandmarksPts());
        Landmarks fromJson = LandmarksReader.read(Samples.astronautLandmarksJson());
        for (int i = 0; i < Landmarks.COUNT; i++) {
            assertThat(fromPts.x(i)).isCloseTo(fromJson.x(i), within(1e-9));
            assertThat(fromPts.y(i)).isCloseTo(fromJson.y(i), within(1e-9));
        }
        assertThat(fromJson).isEqualTo(Landmarks.of(Samples.astronautLandmarks()));
    }
}
