package io.inverseface.core.coarse;

import io.inverseface.core.fit.VertexMajorBases;
import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.io.Landmarks;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.render.RgbImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GreyPhotoTest {

    private static Landmarks box(double x0, double y0, double size) {
        double[] c = new double[2 * Landmarks.COUNT];
        Random rnd = new Random(1);
        for (int i = 0; i < Landmarks.COUNT; i++) {
            c[2 * i] = x0 + size * rnd.nextDouble();
            c[2 * i + 1] = y0 + size * rnd.nextDouble();
        }
        c[2 * Landmarks.LEFT_EYE_OUTER] = x0;
        c[2 * Landmarks.RIGHT_EYE_OUTER] = x0 + size;
        return new Landmarks(c);
    }

    private static RgbImage image(boolean grey, double jpegNoise) {
        Random rnd = new Random(2);
        RgbImage img = new RgbImage(200, 200);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                float l = (float) (0.3 + 0.4 * x / 200.0);
                float n1 = (float) (jpegNoise * rnd.nextGaussian()), n2 = (float) (jpegNoise * rnd.nextGaussian());
                if (grey) {
                    img.set(x, y, l, l + n1, l + n2);
                } else {
                    img.set(x, y, l * 1.1f, l * 0.8f, l * 0.7f);
                }
            }
        }
        return img;
    }

    @Test
    void aGreyPhotoWithJpegNoiseIsGreyAndASkinColouredOneIsNot() {
        Landmarks face = box(50, 50, 100);
        assertThat(GreyPhoto.isGrey(image(true, 0.004), face)).isTrue();
        assertThat(GreyPhoto.isGrey(image(false, 0), face)).isFalse();
    }

    @Test
    void onlyTheFaceDecides() {
        RgbImage img = image(true, 0);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 200; x++) {
                img.set(x, y, 0.9f, 0.1f, 0.1f); // a red caption band above the face
            }
        }
        assertThat(GreyPhoto.isGrey(img, box(50, 60, 100))).isTrue();
    }

    @Test
    void greyBasesGiveAGreyAlbedoForAnyCoefficients() {
        FaceModel model = FaceModels.ictLight();
        VertexMajorBases grey = VertexMajorBases.of(model, 10).greyAlbedo();
        double[] alpha = new double[grey.albedoCount()];
        Random rnd = new Random(3);
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = rnd.nextGaussian();
        }
        float[] rgb = grey.albedo(alpha);
        for (int v = 0; v < rgb.length; v += 3) {
            assertThat(rgb[v]).isEqualTo(rgb[v + 1]).isEqualTo(rgb[v + 2]);
        }
        float[] colour = VertexMajorBases.of(model, 10).albedo(new double[grey.albedoCount()]);
        assertThat(colour[0]).isNotEqualTo(colour[2]); // the colour mean is skin, not grey
    }
}
