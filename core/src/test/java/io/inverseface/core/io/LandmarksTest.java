package io.inverseface.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LandmarksTest {

    @Test
    void isImmutable() {
        double[][] g = TestLandmarks.grid(100, 100, 60);
        double[] xy = new double[136];
        for (int i = 0; i < 68; i++) {
            xy[2 * i] = g[i][0];
            xy[2 * i + 1] = g[i][1];
        }
        Landmarks lm = new Landmarks(xy);
        xy[0] = -1000;
        lm.coordinates()[0] = -1000;
        lm.toArray()[0][0] = -1000;
        assertThat(lm.x(0)).isEqualTo(g[0][0]);
    }

    @Test
    void interOcularDistanceUsesOuterEyeCorners() {
        double[][] g = TestLandmarks.grid(100, 100, 60);
        g[45] = new double[] {g[36][0] + 30, g[36][1] + 40};
        assertThat(Landmarks.of(g).interOcularDistance()).isCloseTo(50, within(1e-12));
    }

    @Test
    void groupsFollowTheIbugMarkup() {
        assertThat(LandmarkGroup.JAW.indices()).hasSize(17).startsWith(0).endsWith(16);
        assertThat(LandmarkGroup.BROWS.size()).isEqualTo(10);
        assertThat(LandmarkGroup.NOSE.size()).isEqualTo(9);
        assertThat(LandmarkGroup.EYES.size()).isEqualTo(12);
        assertThat(LandmarkGroup.MOUTH.size()).isEqualTo(20);
        int total = Arrays.stream(LandmarkGroup.values()).mapToInt(LandmarkGroup::size).sum();
        assertThat(total).isEqualTo(Landmarks.COUNT);
        assertThat(LandmarkGroup.EYES.contains(36)).isTrue();
        assertThat(LandmarkGroup.EYES.contains(48)).isFalse();
        double[][] g = TestLandmarks.grid(0, 0, 10);
        for (int i = 48; i < 68; i++) {
            g[i] = new double[] {i, 2 * i};
        }
        assertThat(Landmarks.of(g).centroid(LandmarkGroup.MOUTH)).containsExactly(57.5, 115.0);
    }

    @Test
    void wrongCountOrShapeOrNanIsInvalid() {
        assertThatThrownBy(() -> Landmarks.of(new double[67][2]))
                .isInstanceOf(InvalidLandmarksException.class).hasMessageContaining("got 67");
        double[][] g = TestLandmarks.grid(100, 100, 60);
        g[3] = new double[] {1};
        assertThatThrownBy(() -> Landmarks.of(g))
                .isInstanceOf(InvalidLandmarksException.class).hasMessageContaining("landmark 3");
        double[][] n = TestLandmarks.grid(100, 100, 60);
        n[10][1] = Double.NaN;
        assertThatThrownBy(() -> Landmarks.of(n))
                .isInstanceOf(InvalidLandmarksException.class)
                .hasMessageContaining("landmark 10").hasMessageContaining("non-finite y");
        n[10][1] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> Landmarks.of(n)).isInstanceOf(InvalidLandmarksException.class);
        assertThatThrownBy(() -> Landmarks.of(TestLandmarks.grid(1, 1, 1)).x(68))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
