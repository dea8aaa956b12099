package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.core.io.Landmarks;
import io.inverseface.data.samples.Samples;
import org.junit.jupiter.api.Test;

class MirroredLandmarksTest {

    @Test
    void thePartnerMapIsAnInvolutionThatSwapsSidesAndKeepsTheMidline() {
        for (int i = 0; i < Landmarks.COUNT; i++) {
            assertThat(MirroredLandmarks.partner(MirroredLandmarks.partner(i))).isEqualTo(i);
        }
        assertThat(MirroredLandmarks.partner(36)).isEqualTo(45);
        assertThat(MirroredLandmarks.partner(0)).isEqualTo(16);
        assertThat(MirroredLandmarks.partner(48)).isEqualTo(54);
        for (int mid : new int[] {8, 27, 28, 29, 30, 33, 51, 57, 62, 66}) {
            assertThat(MirroredLandmarks.partner(mid)).isEqualTo(mid);
        }
    }

    @Test
    void aPerfectMirrorImageDetectionAveragesToTheSamePoints() {
        // What a detector returns on the flipped photo, mapped back to the photo's pixels: every point
        // where it is, but under its partner's index.
        Landmarks p = Landmarks.of(Samples.astronautLandmarks());
        double[] q = new double[2 * Landmarks.COUNT];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            int j = MirroredLandmarks.partner(i);
            q[2 * j] = p.x(i) + 1; // a one-pixel offset each way, which the mean halves
            q[2 * j + 1] = p.y(i) - 1;
        }
        Landmarks mean = MirroredLandmarks.mean(p, new Landmarks(q));
        for (int i = 0; i < Landmarks.COUNT; i++) {
            assertThat(mean.x(i)).isCloseTo(p.x(i) + 0.5, within(1e-12));
            assertThat(mean.y(i)).isCloseTo(p.y(i) - 0.5, within(1e-12));
        }
    }
}
