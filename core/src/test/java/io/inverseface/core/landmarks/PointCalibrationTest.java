package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.core.io.Landmarks;
import io.inverseface.data.samples.Samples;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointCalibrationTest {

    private static double[] randomOffsets(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] raw = new double[2 * Landmarks.COUNT];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = 0.03 * (rnd.nextDouble() - 0.5);
        }
        return raw;
    }

    @Test
    void theOffsetsAreMadeLeftRightSymmetricSoAConstantSidewaysShiftIsNotLearnt() {
        double[] raw = randomOffsets(3);
        for (int i = 0; i < Landmarks.COUNT; i++) {
            raw[2 * i] += 0.01; // the annotations' pixel convention: every point a little to one side
        }
        PointCalibration c = PointCalibration.of(raw);
        for (int i = 0; i < Landmarks.COUNT; i++) {
            int j = MirroredLandmarks.partner(i);
            assertThat(c.offset(i)[0]).isCloseTo(-c.offset(j)[0], within(1e-15));
            assertThat(c.offset(i)[1]).isCloseTo(c.offset(j)[1], within(1e-15));
            assertThat(c.offset(i)[0]).isCloseTo(0.5 * (raw[2 * i] - raw[2 * j]), within(1e-15));
        }
        assertThat(c.offset(30)[0]).isZero(); // the nose tip is on the midline
    }

    @Test
    void aDetectorsKnownOffsetInTheFaceFrameIsTakenBackOutAtAnyTurnAndSize() {
        PointCalibration c = PointCalibration.of(randomOffsets(5));
        Landmarks truth = Landmarks.of(Samples.astronautLandmarks());
        double[] t = truth.coordinates();
        // the same face turned by 20° and scaled by 1.7 about a point: the offsets turn and scale with it
        double a = Math.toRadians(20), k = 1.7, cos = Math.cos(a), sin = Math.sin(a);
        double[] turned = new double[t.length];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double x = t[2 * i] - 250, y = t[2 * i + 1] - 250;
            turned[2 * i] = 300 + k * (cos * x - sin * y);
            turned[2 * i + 1] = 260 + k * (sin * x + cos * y);
        }
        double fx = turned[2 * 45] - turned[2 * 36], fy = turned[2 * 45 + 1] - turned[2 * 36 + 1];
        double[] detected = turned.clone();
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double[] b = c.offset(i);
            detected[2 * i] += fx * b[0] - fy * b[1];
            detected[2 * i + 1] += fy * b[0] + fx * b[1];
        }
        double[] back = c.apply(new Landmarks(detected)).coordinates();
        double eyes = Math.hypot(fx, fy);
        for (int i = 0; i < back.length; i++) {
            // exact but for the eye line itself having moved by its own offsets (≤ 1.5 % of d here)
            assertThat(back[i]).isCloseTo(turned[i], within(0.002 * eyes));
        }
        double before = 0, after = 0;
        for (int i = 0; i < back.length; i++) {
            before += Math.abs(detected[i] - turned[i]);
            after += Math.abs(back[i] - turned[i]);
        }
        assertThat(after).isLessThan(0.1 * before);
    }

    @Test
    void theShippedMeshTableHasEveryPointAndSmallOffsets() {
        PointCalibration c = PointCalibration.mesh();
        for (int i = 0; i < Landmarks.COUNT; i++) {
            assertThat(Math.hypot(c.offset(i)[0], c.offset(i)[1])).isFinite().isLessThan(0.1);
        }
        assertThatThrownBy(() -> PointCalibration.read("no-such-table.csv"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-table.csv");
    }
}
