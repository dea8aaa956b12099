package io.inverseface.core.io;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.render.RgbImage;
import org.junit.jupiter.api.Test;

class InputValidatorTest {

    private static RgbImage blank(int w, int h) {
        return new RgbImage(w, h, new float[w * h], new float[w * h], new float[w * h]);
    }

    @Test
    void acceptsAFaceInsideTheImage() {
        assertThatCode(() -> InputValidator.validate(blank(300, 300), Landmarks.of(TestLandmarks.grid(150, 150, 80))))
                .doesNotThrowAnyException();
        // A point exactly on the far border (x == width) still lies in the image.
        double[][] g = TestLandmarks.grid(150, 150, 80);
        g[0] = new double[] {300, 300};
        assertThatCode(() -> InputValidator.validate(blank(300, 300), Landmarks.of(g))).doesNotThrowAnyException();
    }

    @Test
    void aFaceCutByTheFrameIsAccepted() {
        // Up to half the eye distance (here 40 px) outside the frame.
        double[][] g = TestLandmarks.grid(150, 150, 80);
        g[4] = new double[] {-5, 150};
        g[8] = new double[] {150, 335};
        assertThatCode(() -> InputValidator.validate(blank(300, 300), Landmarks.of(g))).doesNotThrowAnyException();
    }

    @Test
    void pointLeftOfTheImageIsNamed() {
        double[][] g = TestLandmarks.grid(150, 150, 80);
        g[4] = new double[] {-45, 150};
        assertThatThrownBy(() -> InputValidator.validate(blank(300, 300), Landmarks.of(g)))
                .isInstanceOf(InvalidLandmarksException.class)
                .hasMessageContaining("landmark 4")
                .hasMessageContaining("-45.00")
                .hasMessageContaining("outside the 300x300 image");
    }

    @Test
    void pointBelowTheImageIsRejected() {
        double[][] g = TestLandmarks.grid(150, 150, 80);
        g[8] = new double[] {150, 240.5};
        assertThatThrownBy(() -> InputValidator.validate(blank(300, 200), Landmarks.of(g)))
                .isInstanceOf(InvalidLandmarksException.class).hasMessageContaining("landmark 8");
    }

    @Test
    void eyesTwentyPixelsApartIsTooSmall() {
        assertThatThrownBy(() -> InputValidator.validate(blank(300, 300), Landmarks.of(TestLandmarks.grid(150, 150, 20))))
                .isInstanceOf(FaceTooSmallException.class)
                .hasMessageContaining("20.0 px apart")
                .hasMessageContaining("40 px");
        // Just above the threshold passes; the threshold can be lowered explicitly.
        assertThatCode(() -> InputValidator.validate(blank(300, 300), Landmarks.of(TestLandmarks.grid(150, 150, 40.5))))
                .doesNotThrowAnyException();
        assertThatCode(() -> InputValidator.validate(blank(300, 300), Landmarks.of(TestLandmarks.grid(150, 150, 20)), 10))
                .doesNotThrowAnyException();
    }
}
