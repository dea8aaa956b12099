package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.core.io.Landmarks;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceChoiceTest {

    private static DetectedFace face(double x, double y, double side, double score) {
        double[] pts = new double[2 * Landmarks.COUNT];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            pts[2 * i] = x + side * (i % 10) / 10.0;
            pts[2 * i + 1] = y + side * (i / 10) / 10.0;
        }
        return new DetectedFace(new FaceBox(x, y, side, side), score, new Landmarks(pts));
    }

    // Largest first, as detectors return them.
    private final List<DetectedFace> faces = List.of(face(100, 100, 200, 0.7), face(400, 50, 120, 0.95),
            face(20, 400, 60, 0.8));

    @Test
    void eachChoicePicksItsFace() {
        assertThat(FaceChoice.largest().choose(faces, "p")).isSameAs(faces.get(0));
        assertThat(FaceChoice.mostConfident().choose(faces, "p")).isSameAs(faces.get(1));
        assertThat(FaceChoice.index(3).choose(faces, "p")).isSameAs(faces.get(2));
        assertThat(FaceChoice.nearest(50, 430).choose(faces, "p")).isSameAs(faces.get(2));
        assertThat(FaceChoice.nearest(460, 110).choose(faces, "p")).isSameAs(faces.get(1));
    }

    @Test
    void parsesTheCliText() {
        assertThat(FaceChoice.parse("largest")).isEqualTo(FaceChoice.largest());
        assertThat(FaceChoice.parse("SCORE")).isEqualTo(FaceChoice.mostConfident());
        assertThat(FaceChoice.parse("2")).isEqualTo(FaceChoice.index(2));
        assertThat(FaceChoice.parse("12.5,40")).isEqualTo(FaceChoice.nearest(12.5, 40));
        assertThatThrownBy(() -> FaceChoice.parse("biggest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("largest, score, a 1-based index or x,y");
        assertThatThrownBy(() -> FaceChoice.parse("0")).hasMessageContaining("1-based");
    }

    @Test
    void eachChoiceWritesTheTextThatParsesBackToIt() {
        for (FaceChoice c : new FaceChoice[] {FaceChoice.largest(), FaceChoice.mostConfident(), FaceChoice.index(3),
            FaceChoice.nearest(12.5, 40), FaceChoice.nearest(0.1, -7.25)}) {
            assertThat(FaceChoice.parse(c.text())).isEqualTo(c);
        }
        assertThat(FaceChoice.index(3).text()).isEqualTo("3");
    }

    @Test
    void aFaceThatIsNotThereIsATypedErrorNamingThePhoto() {
        assertThatThrownBy(() -> FaceChoice.index(4).choose(faces, "group.jpg"))
                .isInstanceOf(NoFaceFoundException.class).hasMessage("face 4 asked for, but 3 found in group.jpg");
        assertThatThrownBy(() -> FaceChoice.mostConfident().choose(List.of(), "empty.jpg"))
                .isInstanceOf(NoFaceFoundException.class).hasMessageContaining("empty.jpg");
    }
}
