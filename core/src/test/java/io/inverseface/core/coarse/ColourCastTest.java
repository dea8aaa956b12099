package io.inverseface.core.coarse;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.Reconstruction;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.optim.backend.Backend;
import org.junit.jupiter.api.Test;

/**
 * A strong colour cast (a blue-green light, as under fluorescent tubes or in the shade) belongs to the
 * lighting: the fitted skin keeps its colour and the fitted lighting takes the cast. Grey photos get a
 * grey albedo and grey lighting. Measured: the skin's red/blue within 0.3 % of the uncast fit; grey light
 * red/blue 1.000.
 */
class ColourCastTest {
    private static final double[] CAST = {0.70, 0.90, 1.25};

    @Test
    void aColourCastGoesIntoTheLightingNotTheSkin() {
        FaceModel model = FaceModels.ictLight();
        SyntheticFace face = SyntheticFaceGenerator.builder().model(model).seed(5).build().face(0);
        RgbImage image = face.image();
        float[][] c = {image.r().clone(), image.g().clone(), image.b().clone()};
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < c[ch].length; i++) {
                c[ch][i] = (float) Math.min(1.0, c[ch][i] * CAST[ch]);
            }
        }
        RgbImage cast = new RgbImage(image.width(), image.height(), c[0], c[1], c[2]);
        try (FaceReconstructor r = FaceReconstructor.builder().model(model).backend(Backend.CPU).withoutDetail().build()) {
            double[] plain = meanColour(model, r.reconstruct(image, face.landmarks()).albedo());
            Reconstruction fit = r.reconstruct(cast, face.landmarks());
            double[] tinted = meanColour(model, fit.albedo());
            // Red over blue changes by 0.70/1.25 = 0.56 in the photo; the skin should keep most of its own.
            double photoRatio = CAST[0] / CAST[2];
            double skinRatio = (tinted[0] / tinted[2]) / (plain[0] / plain[2]);
            assertThat(skinRatio).as("albedo red/blue against the uncast fit (the photo's changed by %.2f)", photoRatio)
                    .isGreaterThan(0.9).isLessThan(1.1);
            double[] l = fit.parameters().lighting().coefficients();
            assertThat(l[0] / l[18]).as("lighting red/blue DC").isLessThan(0.75);
        }
    }

    @Test
    void aGreyPhotoGetsAGreyAlbedoAndGreyLight() {
        FaceModel model = FaceModels.ictLight();
        SyntheticFace face = SyntheticFaceGenerator.builder().model(model).seed(6).build().face(0);
        RgbImage image = face.image();
        float[] grey = new float[image.r().length];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = 0.299f * image.r()[i] + 0.587f * image.g()[i] + 0.114f * image.b()[i];
        }
        RgbImage bw = new RgbImage(image.width(), image.height(), grey, grey.clone(), grey.clone());
        try (FaceReconstructor r = FaceReconstructor.builder().model(model).backend(Backend.CPU).withoutDetail().build()) {
            Reconstruction fit = r.reconstruct(bw, face.landmarks());
            float[] a = fit.albedo();
            for (int v = 0; v < a.length; v += 3) {
                assertThat(a[v]).isEqualTo(a[v + 1]).isEqualTo(a[v + 2]);
            }
            double[] l = fit.parameters().lighting().coefficients();
            assertThat(l[0] / l[18]).as("lighting red/blue DC").isBetween(0.97, 1.03);
        }
    }

    private static double[] meanColour(FaceModel model, float[] albedo) {
        double[] m = new double[3];
        int[] region = model.regionVertices(FaceRegion.NARROW);
        for (int v : region) {
            for (int c = 0; c < 3; c++) {
                m[c] += albedo[3 * v + c];
            }
        }
        return m;
    }
}
