package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.core.io.Landmarks;
import org.junit.jupiter.api.Test;

class FaceFrameTest {

    @Test
    void theFrameRunsAlongTheOuterEyeCornersInUnitsOfTheirDistanceAndRoundTrips() {
        double[] p = new double[2 * Landmarks.COUNT];
        // eye corners 36 at (100, 200), 45 at (100, 260): the face turned a quarter, 60 px between the eyes
        p[2 * 36] = 100;
        p[2 * 36 + 1] = 200;
        p[2 * 45] = 100;
        p[2 * 45 + 1] = 260;
        FaceFrame f = FaceFrame.of(p);
        assertThat(f.toFrame(0, 60)).containsExactly(new double[] {1, 0}, within(1e-12));
        assertThat(f.toFrame(-30, 0)).containsExactly(new double[] {0, 0.5}, within(1e-12));
        double[] px = f.toPixels(0.02, -0.05);
        assertThat(f.toFrame(px[0], px[1])).containsExactly(new double[] {0.02, -0.05}, within(1e-12));
    }
}
