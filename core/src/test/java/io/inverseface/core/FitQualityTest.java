package io.inverseface.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.model.FaceModels;
import io.inverseface.data.samples.Samples;
import io.inverseface.optim.backend.Backend;
import io.inverseface.render.VisibilityBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fit-quality flag: a fit on its face passes, a fit on another photo's landmarks is flagged. */
class FitQualityTest {

    private static final int W = 120, H = 120;

    /** A disc of covered pixels with dark "eyes" and a "mouth" on a shaded skin tone. */
    private static RgbImage faceLike() {
        RgbImage img = new RgbImage(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = 0.6 + 0.2 * (x - 60) / 60.0;
                boolean feature = Math.hypot(x - 45, y - 50) < 6 || Math.hypot(x - 75, y - 50) < 6
                        || (Math.abs(y - 85) < 3 && Math.abs(x - 60) < 15);
                if (feature) {
                    v *= 0.4;
                }
                img.set(x, y, (float) v, (float) (0.8 * v), (float) (0.7 * v));
            }
        }
        return img;
    }

    private static int[] disc() {
        int[] ids = new int[W * H];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Math.hypot(i % W - 60, i / W - 60) < 50 ? 1 : VisibilityBuffer.EMPTY;
        }
        return ids;
    }

    private static RgbImage ones() {
        RgbImage m = new RgbImage(W, H);
        for (int i = 0; i < W * H; i++) {
            m.set(i % W, i / W, 1, 1, 1);
        }
        return m;
    }

    private static Landmarks eyesApart(double d) {
        double[][] p = new double[Landmarks.COUNT][];
        for (int i = 0; i < p.length; i++) {
            p[i] = new double[] {60 + (i % 2 == 0 ? -d / 2 : d / 2), 60};
        }
        p[Landmarks.LEFT_EYE_OUTER] = new double[] {60 - d / 2, 50};
        p[Landmarks.RIGHT_EYE_OUTER] = new double[] {60 + d / 2, 50};
        return Landmarks.of(p);
    }

    @Test
    void aPhotoThatIsTheFitIsExplainedAndAFlatOneIsNot() {
        RgbImage fit = faceLike();
        Landmarks lm = eyesApart(30);
        double[] fitted = lm.coordinates();
        FitQuality same = FitQuality.measure(fit.copy(), fit, disc(), ones(), lm, fitted);
        assertThat(same.explained()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(same.structure()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(same.landmarkError()).isZero();
        assertThat(same.suspect()).isFalse();
        assertThat(same.reasons()).isEmpty();

        // Noise where the fit has eyes and a mouth: none of its detail is in the photo.
        RgbImage noise = new RgbImage(W, H);
        Random rnd = new Random(3);
        for (int i = 0; i < W * H; i++) {
            float v = 0.5f + 0.05f * (float) rnd.nextGaussian();
            noise.set(i % W, i / W, v, v, v);
        }
        FitQuality wrong = FitQuality.measure(noise, fit, disc(), ones(), lm, fitted);
        assertThat(wrong.structure()).isLessThan(FitQuality.MIN_STRUCTURE);
        assertThat(wrong.suspect()).isTrue();
        assertThat(wrong.reasons()).singleElement().asString().contains("no face detail");
    }

    @Test
    void landmarksTheModelCannotReachAndAnEmptyCoverageAreFlagged() {
        RgbImage fit = faceLike();
        Landmarks lm = eyesApart(30);
        double[] far = lm.coordinates();
        Arrays.setAll(far, i -> far[i] + (i % 4 == 0 ? 12 : 0)); // every other x 12 px off: 0.28 eye distances RMS
        FitQuality q = FitQuality.measure(fit.copy(), fit, disc(), ones(), lm, far);
        assertThat(q.landmarkError()).isGreaterThan(FitQuality.MAX_LANDMARK_ERROR);
        assertThat(q.suspect()).isTrue();
        assertThat(q.reasons()).singleElement().asString().contains("cannot reach the landmarks");

        int[] none = new int[W * H];
        Arrays.fill(none, VisibilityBuffer.EMPTY);
        FitQuality empty = FitQuality.measure(fit.copy(), fit, none, ones(), lm, lm.coordinates());
        assertThat(empty.suspect()).isTrue();
        assertThat(empty.coveredPixels()).isZero();
    }

    @Test
    void onTheSamplePhotoItsOwnLandmarksPassAndLandmarksMovedOntoTheBackgroundAreFlagged() {
        RgbImage photo = ImageLoader.load(Samples.astronautImage());
        Landmarks own = Landmarks.of(Samples.astronautLandmarks());
        try (FaceReconstructor r = FaceReconstructor.builder().model(FaceModels.ictLight()).backend(Backend.CPU)
                .withoutDetail().build()) {
            FitQuality ok = r.reconstruct(photo, own).quality();
            assertThat(ok.suspect()).as(ok.brief()).isFalse();

            // The same face shape, moved by 1.6 eye distances to the right (onto the suit and the flag).
            double[] moved = own.coordinates();
            double dx = 1.6 * own.interOcularDistance();
            for (int i = 0; i < moved.length; i += 2) {
                moved[i] += dx;
            }
            FitQuality off = r.reconstruct(photo, new Landmarks(moved)).quality();
            assertThat(off.suspect()).as(off.brief()).isTrue();
            assertThat(off.structure()).isLessThan(ok.structure());
        }
    }
}
