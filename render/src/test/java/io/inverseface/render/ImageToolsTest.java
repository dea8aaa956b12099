package io.inverseface.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImageToolsTest {

    private static int countSet(RgbImage img) {
        int n = 0;
        for (float v : img.r()) if (v > 0) n++;
        return n;
    }

    @Test
    void lineCoversEndpointsAndStaysOnTheSegment() {
        RgbImage img = new RgbImage(20, 20);
        ImageDrawing.drawLine(img, 2.5, 3.5, 17.5, 9.5, 1, 0, 0);
        assertThat(img.get(2, 3, 0)).isEqualTo(1f);
        assertThat(img.get(17, 9, 0)).isEqualTo(1f);
        assertThat(countSet(img)).isEqualTo(16);
        for (int y = 0; y < 20; y++) for (int x = 0; x < 20; x++) {
            if (img.get(x, y, 0) > 0) {
                double t = (x + 0.5 - 2.5) / 15.0;
                assertThat(Math.abs(3.5 + 6 * t - (y + 0.5))).isLessThanOrEqualTo(1.0);
            }
        }
    }

    @Test
    void drawingOffScreenIsClippedNotFatal() {
        RgbImage img = new RgbImage(10, 10);
        assertThatCode(() -> {
            ImageDrawing.drawCross(img, -5, -5, 3, 1, 1, 1);
            ImageDrawing.drawPoint(img, 100, 4, 2, 1, 1, 1);
            ImageDrawing.drawLine(img, -1e9, 5.5, 1e9, 5.5, 1, 1, 1);
            ImageDrawing.drawLine(img, Double.NaN, 0, 3, 3, 1, 1, 1);
        }).doesNotThrowAnyException();
        ImageDrawing.drawCross(img, 5.5, 5.5, 2, 0, 1, 0);
        assertThat(img.get(5, 5, 1)).isEqualTo(1f);
        assertThat(img.get(3, 5, 1)).isEqualTo(1f);
        assertThat(img.get(5, 7, 1)).isEqualTo(1f);
        assertThat(img.get(3, 3, 1)).isZero();
        RgbImage dot = new RgbImage(10, 10);
        ImageDrawing.drawPoint(dot, 5, 5, 1.6, 1, 1, 1);
        assertThat(countSet(dot)).isEqualTo(4 + 8); // centres within 1.6 of a pixel corner: 4 at 0.71, 8 at 1.58
    }

    @Test
    void blendMixesWithAlphaAndMask() {
        RgbImage a = new RgbImage(2, 1), b = new RgbImage(2, 1);
        a.fill(0.2f, 0.4f, 0.6f);
        b.fill(1f, 0f, 0.6f);
        RgbImage m = ImageDrawing.blend(a, b, 0.25f, new float[] {1f, 0f});
        assertThat(m.get(0, 0, 0)).isCloseTo(0.4f, within(1e-6f));
        assertThat(m.get(0, 0, 1)).isCloseTo(0.3f, within(1e-6f));
        assertThat(m.get(1, 0, 0)).isCloseTo(0.2f, within(1e-6f));
        assertThatThrownBy(() -> ImageDrawing.blend(a, new RgbImage(3, 1), 0.5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageDrawing.blend(a, b, 1.5f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void downsampleAveragesBlocksAndPreservesMean() {
        RgbImage img = new RgbImage(4, 2);
        for (int i = 0; i < 8; i++) img.r()[i] = i;
        RgbImage d = ImageResize.downsample2(img);
        assertThat(d.width()).isEqualTo(2);
        assertThat(d.height()).isEqualTo(1);
        assertThat(d.r()).containsExactly((0 + 1 + 4 + 5) / 4f, (2 + 3 + 6 + 7) / 4f);
        RgbImage odd = ImageResize.downsample2(new RgbImage(5, 3));
        assertThat(odd.width()).isEqualTo(3);
        assertThat(odd.height()).isEqualTo(2);
    }

    @Test
    void bilinearReproducesLinearRamps() {
        RgbImage img = new RgbImage(16, 8);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 16; x++) img.set(x, y, x + 0.5f, 2 * (y + 0.5f), 1f);
        RgbImage up = ImageResize.bilinear(img, 32, 16);
        // Interior pixel centre u+0.5 at the new scale corresponds to (u+0.5)/2 in the source.
        for (int y = 2; y < 14; y++) for (int x = 2; x < 30; x++) {
            assertThat((double) up.get(x, y, 0)).isCloseTo((x + 0.5) / 2, within(1e-5));
            assertThat((double) up.get(x, y, 1)).isCloseTo((y + 0.5), within(1e-5));
            assertThat(up.get(x, y, 2)).isCloseTo(1f, within(1e-6f));
        }
        RgbImage fit = ImageResize.fitWithin(new RgbImage(1000, 500), 300);
        assertThat(fit.width()).isEqualTo(300);
        assertThat(fit.height()).isEqualTo(150);
    }

    @Test
    void pyramidHalvesUntilMinimumSize() {
        RgbImage base = new RgbImage(64, 40);
        base.fill(0.5f, 0.25f, 0.125f);
        ImagePyramid p = ImagePyramid.build(base, 10, 8);
        assertThat(p.levelCount()).isEqualTo(3); // 64x40, 32x20, 16x10; 8x5 would have a side below 8
        assertThat(p.level(0)).isSameAs(base);
        assertThat(p.level(2).width()).isEqualTo(16);
        assertThat(p.scale(2)).isEqualTo(0.25);
        assertThat(p.coarsest().get(2, 2, 1)).isEqualTo(0.25f);
        assertThatThrownBy(() -> p.level(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ImagePyramid.build(base, 0, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
