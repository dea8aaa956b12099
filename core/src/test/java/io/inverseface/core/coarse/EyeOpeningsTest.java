package io.inverseface.core.coarse;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.data.samples.Samples;
import io.inverseface.render.RgbImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EyeOpeningsTest {

    @Test
    void clearsTheMaskInsideBothEyeContoursAndNowhereElse() {
        Landmarks lm = LandmarksReader.read(Samples.astronautLandmarksPts());
        RgbImage mask = new RgbImage(512, 512);
        for (int c = 0; c < 3; c++) {
            Arrays.fill(mask.channel(c), 1f);
        }
        EyeOpenings.clear(mask, lm);
        for (int[] eye : new int[][] {{36, 39}, {42, 45}}) {
            // Midway between the corners, half a pixel down: inside the opening.
            int x = (int) ((lm.x(eye[0]) + lm.x(eye[1])) / 2), y = (int) ((lm.y(eye[0]) + lm.y(eye[1])) / 2);
            assertThat(mask.get(x, y, 0)).as("eye at %d,%d", x, y).isZero();
            assertThat(mask.get(x, y, 2)).isZero();
        }
        assertThat(mask.get((int) lm.x(30), (int) lm.y(30), 0)).as("nose tip").isEqualTo(1f);
        assertThat(mask.get((int) lm.x(48), (int) lm.y(48), 0)).as("mouth corner").isEqualTo(1f);
        long cleared = 0;
        for (float v : mask.channel(0)) {
            cleared += v == 0 ? 1 : 0;
        }
        // Two openings of a face 65 px between the outer corners: a few hundred pixels, not a region.
        assertThat(cleared).isBetween(50L, 1500L);
    }

    @Test
    void evenOddRuleOnASquare() {
        double[] xs = {0, 10, 10, 0}, ys = {0, 0, 10, 10};
        assertThat(EyeOpenings.inside(xs, ys, 5, 5)).isTrue();
        assertThat(EyeOpenings.inside(xs, ys, 15, 5)).isFalse();
        assertThat(EyeOpenings.inside(xs, ys, 5, -1)).isFalse();
    }
}
