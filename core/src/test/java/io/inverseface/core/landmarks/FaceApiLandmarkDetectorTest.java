package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.data.samples.Samples;
import io.inverseface.data.weights.FaceApiModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class FaceApiLandmarkDetectorTest {

    private static final Logger LOG = LoggerFactory.getLogger(FaceApiLandmarkDetectorTest.class);

    private static FaceApiLandmarkDetector detector;
    private static RgbImage astronaut;
    private static Landmarks truth;

    @BeforeAll
    static void load() {
        detector = new FaceApiLandmarkDetector();
        astronaut = ImageLoader.load(Samples.astronautImage());
        truth = Landmarks.of(Samples.astronautLandmarks());
    }

    /** Mean point-to-point error divided by the outer-eye-corner distance of the reference. */
    static double normalisedMeanError(Landmarks predicted, Landmarks reference) {
        double sum = 0;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            sum += Math.hypot(predicted.x(i) - reference.x(i), predicted.y(i) - reference.y(i));
        }
        return sum / Landmarks.COUNT / reference.interOcularDistance();
    }

    @Test
    void findsExactlyOneFaceInTheSamplePhotoAroundTheHandPlacedLandmarks() {
        List<DetectedFace> faces = detector.detect(astronaut);

        assertThat(faces).hasSize(1);
        DetectedFace face = faces.get(0);
        LOG.info("sample photo: box {} score {}", face.box(), face.score());
        assertThat(face.score()).isGreaterThan(TinyFaceDetector.DEFAULT_SCORE_THRESHOLD);
        for (int i = 0; i < Landmarks.COUNT; i++) {
            // the box may cut the chin/brow contour a little: allow 10 % of its size
            FaceBox b = face.box();
            FaceBox grown = new FaceBox(b.x() - 0.1 * b.width(), b.y() - 0.1 * b.height(), 1.2 * b.width(),
                    1.2 * b.height());
            assertThat(grown.contains(truth.x(i), truth.y(i))).as("landmark %d inside the box", i).isTrue();
        }
    }

    @Test
    void landmarksOnTheSamplePhotoAreWithinEightPercentOfTheInterOcularDistance() {
        Landmarks predicted = detector.detectLargest(astronaut);

        double error = normalisedMeanError(predicted, truth);
        LOG.info("sample photo: mean landmark error {} % of the inter-ocular distance ({} px)",
                String.format("%.2f", 100 * error), String.format("%.1f", truth.interOcularDistance()));
        assertThat(error).isLessThan(0.08);
    }

    @Test
    void uniformGreyImageHasNoFaceAndDetectLargestThrows() {
        int w = 400;
        int h = 300;
        float[] grey = new float[w * h];
        Arrays.fill(grey, 0.5f);
        RgbImage image = new RgbImage(w, h, grey, grey, grey);

        assertThat(detector.detect(image)).isEmpty();
        assertThatThrownBy(() -> detector.detectLargest(image)).isInstanceOf(NoFaceFoundException.class)
                .hasMessageContaining("no face found");
    }

    @Test
    void backgroundCropOfTheSamplePhotoHasNoFace() {
        // the top-left region of the portrait is flag and backdrop, well away from the face
        RgbImage crop = crop(astronaut, 0, 0, 160, 160);

        assertThat(detector.detect(crop)).isEmpty();
        assertThatThrownBy(() -> detector.detectLargest(crop)).isInstanceOf(NoFaceFoundException.class);
    }

    @Test
    void twoFacesAreBothReturnedLargestFirst() {
        // the photo at full size on the left, a half-size copy on the right, over a grey canvas
        int w = 512 + 256;
        int h = 512;
        float[][] planes = new float[3][w * h];
        for (float[] p : planes) {
            Arrays.fill(p, 0.5f);
        }
        float[][] src = {astronaut.r(), astronaut.g(), astronaut.b()};
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                for (int c = 0; c < 3; c++) {
                    planes[c][y * w + x] = src[c][astronaut.index(x, y)];
                }
            }
        }
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                for (int c = 0; c < 3; c++) {
                    float[] s = src[c];
                    // 2×2 box average
                    planes[c][(y + 128) * w + 512 + x] = 0.25f * (s[astronaut.index(2 * x, 2 * y)]
                            + s[astronaut.index(2 * x + 1, 2 * y)] + s[astronaut.index(2 * x, 2 * y + 1)]
                            + s[astronaut.index(2 * x + 1, 2 * y + 1)]);
                }
            }
        }
        RgbImage two = new RgbImage(w, h, planes[0], planes[1], planes[2]);
        // At 416 the small copy is ~30 network pixels wide, under the tiny detector's reach; 608 sees it.
        FaceApiLandmarkDetector finer = new FaceApiLandmarkDetector(
                new TinyFaceDetector(TfjsWeights.load(FaceApiModel.TINY_FACE_DETECTOR), 608,
                        TinyFaceDetector.DEFAULT_SCORE_THRESHOLD),
                LandmarkNet.standard(), FaceApiLandmarkDetector.DEFAULT_MARGIN);

        List<DetectedFace> faces = finer.detect(two);

        assertThat(faces).hasSize(2);
        assertThat(faces.get(0).box().area()).isGreaterThan(faces.get(1).box().area());
        assertThat(faces.get(0).box().contains(truth.x(30), truth.y(30))).isTrue();
        assertThat(faces.get(1).box().contains(512 + truth.x(30) / 2, 128 + truth.y(30) / 2)).isTrue();
        assertThat(normalisedMeanError(faces.get(0).landmarks(), truth)).isLessThan(0.08);
    }

    @Test
    void concurrentCallsGiveTheSameResultAsSequentialOnes() throws Exception {
        Landmarks expected = detector.detectLargest(astronaut);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Landmarks>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> detector.detectLargest(astronaut)));
            }
            for (java.util.concurrent.Future<Landmarks> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static RgbImage crop(RgbImage src, int x0, int y0, int w, int h) {
        float[] r = new float[w * h];
        float[] g = new float[w * h];
        float[] b = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int s = src.index(x0 + x, y0 + y);
                r[y * w + x] = src.r()[s];
                g[y * w + x] = src.g()[s];
                b[y * w + x] = src.b()[s];
            }
        }
        return new RgbImage(w, h, r, g, b);
    }
}
