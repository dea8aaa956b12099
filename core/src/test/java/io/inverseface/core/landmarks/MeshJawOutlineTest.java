package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeshJawOutlineTest {

    /** The face oval's lower path in MediaPipe's order, 127 → 152 → 356. */
    private static final int[] OVAL = {127, 234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152,
        377, 400, 378, 379, 365, 397, 288, 361, 323, 454, 356};

    /**
     * A mesh whose lower oval lies on the lower half of a circle of radius 100 about (200, 200), from
     * (100, 200) through (200, 300) to (300, 200), and every other point well inside it.
     */
    private static double[] circleMesh() {
        double[] p = new double[3 * FaceMesh.POINTS];
        for (int i = 0; i < FaceMesh.POINTS; i++) {
            double a = 0.37 * i;
            p[3 * i] = 200 + 40 * Math.cos(a) * (i % 7) / 7.0;
            p[3 * i + 1] = 170 + 40 * Math.sin(a) * (i % 5) / 5.0;
        }
        for (int k = 0; k < OVAL.length; k++) {
            double t = Math.PI * (1 - k / (OVAL.length - 1.0)); // π (left) … 0 (right), through π/2 below
            // image y points down: the chin at y = 300
            p[3 * OVAL[k]] = 200 + 100 * Math.cos(t);
            p[3 * OVAL[k] + 1] = 200 + 100 * Math.sin(t);
        }
        return p;
    }

    @Test
    void theJawRunsFromEarToEarThroughTheChinEvenlySpacedOnTheOutline() {
        double[] jaw = MeshJawOutline.jaw(new FaceMesh.Result(circleMesh(), 1));
        assertThat(jaw).hasSize(34);
        assertThat(jaw[0]).isCloseTo(100, within(1e-9));
        assertThat(jaw[1]).isCloseTo(200, within(1e-9));
        assertThat(jaw[16]).isCloseTo(200, within(1e-9)); // point 8, the chin
        assertThat(jaw[17]).isCloseTo(300, within(1e-9));
        assertThat(jaw[32]).isCloseTo(300, within(1e-9));
        assertThat(jaw[33]).isCloseTo(200, within(1e-9));
        double first = Math.hypot(jaw[2] - jaw[0], jaw[3] - jaw[1]);
        for (int i = 0; i < 17; i++) {
            // on the circle, up to the chords between the oval's points (radius 100, 22 chords: sagitta < 0.26)
            assertThat(Math.hypot(jaw[2 * i] - 200, jaw[2 * i + 1] - 200)).isBetween(99.7, 100.0 + 1e-9);
            if (i > 0) {
                assertThat(Math.hypot(jaw[2 * i] - jaw[2 * i - 2], jaw[2 * i + 1] - jaw[2 * i - 1]))
                        .isCloseTo(first, within(0.02 * first));
            }
        }
    }

    @Test
    void aCheekThatStandsOutOfTheOvalBecomesTheOutline() {
        // Under yaw the far cheek, not the oval's vertex, is the visible outline: move a non-oval point out.
        double[] p = circleMesh();
        int cheek = 50;
        p[3 * cheek] = 200 - 110 * Math.cos(Math.toRadians(30));
        p[3 * cheek + 1] = 200 + 110 * Math.sin(Math.toRadians(30));
        double[] jaw = MeshJawOutline.jaw(new FaceMesh.Result(p, 1));
        double farthest = 0;
        for (int i = 0; i <= 8; i++) {
            farthest = Math.max(farthest, Math.hypot(jaw[2 * i] - 200, jaw[2 * i + 1] - 200));
        }
        assertThat(farthest).isGreaterThan(104); // the oval alone would keep every point within 100
        double[] plain = MeshJawOutline.jaw(new FaceMesh.Result(circleMesh(), 1));
        for (int i = 9; i < 17; i++) { // the other side is untouched
            assertThat(jaw[2 * i]).isCloseTo(plain[2 * i], within(1e-9));
        }
    }

    @Test
    void resampleKeepsTheEndsAndSpacesEvenly() {
        double[] r = MeshJawOutline.resample(new double[] {0, 0, 10, 0, 10, 30}, 5);
        assertThat(r).containsExactly(new double[] {0, 0, 10, 0, 10, 10, 10, 20, 10, 30}, within(1e-12));
    }
}
