package io.inverseface.core.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.data.samples.Samples;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MediaPipeLandmarkDetectorTest {

    private static MediaPipeLandmarkDetector detector;
    private static RgbImage astronaut;
    private static Landmarks truth;

    @BeforeAll
    static void load() {
        detector = new MediaPipeLandmarkDetector();
        astronaut = ImageLoader.load(Samples.astronautImage());
        truth = Landmarks.of(Samples.astronautLandmarks());
    }

    @Test
    void rotatedSquareMapsCornersAndCentre() {
        RotatedSquare r = new RotatedSquare(100, 50, 20, Math.PI / 2);
        assertThat(r.imageX(0.5, 0.5)).isCloseTo(100, within(1e-12));
        // turned a quarter clockwise: the crop's x axis points down the image
        assertThat(r.imageX(1, 0.5)).isCloseTo(100, within(1e-12));
        assertThat(r.imageY(1, 0.5)).isCloseTo(60, within(1e-12));
        assertThat(r.imageX(0.5, 1)).isCloseTo(90, within(1e-12));
        assertThat(new RotatedSquare(0, 0, 10, Math.PI / 4).bounds().width()).isCloseTo(10 * Math.sqrt(2), within(1e-9));
    }

    @Test
    void weightedNmsMergesOverlapsByScore() {
        double[] k = new double[12];
        BlazeFaceDetection a = new BlazeFaceDetection(new FaceBox(0, 0, 10, 10), 0.9, k);
        BlazeFaceDetection b = new BlazeFaceDetection(new FaceBox(2, 0, 10, 10), 0.3, k);
        BlazeFaceDetection far = new BlazeFaceDetection(new FaceBox(50, 50, 10, 10), 0.6, k);
        List<BlazeFaceDetection> kept = BlazeFaceDetector.weightedNms(List.of(b, far, a), 0.3);
        assertThat(kept).hasSize(2);
        // x = (0.9 * 0 + 0.3 * 2) / 1.2 = 0.5, score of the best
        assertThat(kept.get(0).box().x()).isCloseTo(0.5, within(1e-12));
        assertThat(kept.get(0).score()).isEqualTo(0.9);
        assertThat(kept.get(1).box().x()).isEqualTo(50);
    }

    @Test
    void findsTheSampleFaceAndPlacesItsPointsWithinSixPercent() {
        List<MeshFace> faces = detector.detectMeshes(astronaut);
        assertThat(faces).hasSize(1);
        MeshFace f = faces.get(0);
        assertThat(f.detection().score()).isGreaterThan(0.5);
        assertThat(f.mesh().score()).isGreaterThan(0.9);
        assertThat(f.mesh().points()).hasSize(3 * FaceMesh.POINTS);
        double nme = FaceApiLandmarkDetectorTest.normalisedMeanError(f.landmarks(), truth);
        LoggerFactory.getLogger(MediaPipeLandmarkDetectorTest.class).info("sample photo: mesh->68 NME {} %",
                String.format("%.2f", 100 * nme));
        assertThat(nme).isLessThan(0.06);
        // not rounded to whole pixels
        assertThat(Arrays.stream(f.landmarks().coordinates()).filter(v -> v != Math.rint(v)).count()).isGreaterThan(100);
    }

    @Test
    void theFlippedCropFindsTheSamePointsUnderTheirPartnersIndices() {
        MeshFace f = detector.detectMeshes(astronaut).get(0);
        FaceMesh mesh = new FaceMesh();
        Landmarks direct = MeshTo68.convert(mesh.predict(astronaut, f.crop()));
        Landmarks flipped = MeshTo68.convert(mesh.predict(astronaut, f.crop(), true));
        double[] back = new double[2 * Landmarks.COUNT];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            int j = MirroredLandmarks.partner(i);
            back[2 * i] = flipped.x(j);
            back[2 * i + 1] = flipped.y(j);
        }
        // Mapped back and re-indexed, the flipped crop's points agree with the direct ones to a few
        // percent of the eye distance (a wrong flip or index map would be off by a face width).
        assertThat(FaceApiLandmarkDetectorTest.normalisedMeanError(new Landmarks(back), direct)).isLessThan(0.04);
        double nmeMean = FaceApiLandmarkDetectorTest.normalisedMeanError(f.landmarks(), truth);
        double nmeDirect = FaceApiLandmarkDetectorTest.normalisedMeanError(direct, truth);
        assertThat(nmeMean).isLessThan(nmeDirect + 0.005);
    }

    @Test
    void aSmallFaceInALargePhotoIsFoundInTheTiles() {
        // The sample photo shrunk to 200 px (24 px between the eyes) on a grey 1600×1200 canvas.
        int size = 200, ox = 1000, oy = 700;
        java.awt.image.BufferedImage canvas = new java.awt.image.BufferedImage(1600, 1200,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = canvas.createGraphics();
        g.setColor(new java.awt.Color(120, 120, 120));
        g.fillRect(0, 0, 1600, 1200);
        g.drawImage(astronaut.toBufferedImage(), ox, oy, size, size, null);
        g.dispose();
        RgbImage photo = RgbImage.fromBufferedImage(canvas);
        double k = (double) size / astronaut.width();
        double[] moved = new double[2 * Landmarks.COUNT];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            moved[2 * i] = ox + k * truth.x(i);
            moved[2 * i + 1] = oy + k * truth.y(i);
        }

        assertThat(MediaPipeLandmarkDetector.builder().tiledFallback(false).build().detect(photo)).isEmpty();
        List<DetectedFace> faces = detector.detect(photo);
        assertThat(faces).hasSize(1);
        assertThat(FaceApiLandmarkDetectorTest.normalisedMeanError(faces.get(0).landmarks(), new Landmarks(moved)))
                .isLessThan(0.10);
    }

    @Test
    void aPhotoOnEitherSideIsFoundAndItsPointsLandOnTheFace() {
        // BlazeFace's keypoints carry the roll, and the mesh crop turns with them: no orientation tag needed.
        // (Upside down is not handled: BlazeFace then takes the forehead and eyes for an upright face.)
        for (int q : new int[] {1, 3}) {
            RgbImage turned = QuarterTurn.turn(astronaut, q);
            double[] points = truth.coordinates();
            int height = astronaut.height();
            for (int turn = 0; turn < q; turn++) {
                double[] next = new double[points.length];
                for (int i = 0; i < Landmarks.COUNT; i++) { // one clockwise turn: (x, y) → (H − y, x)
                    next[2 * i] = height - points[2 * i + 1];
                    next[2 * i + 1] = points[2 * i];
                }
                points = next;
                height = turn % 2 == 0 ? astronaut.width() : astronaut.height();
            }
            List<DetectedFace> faces = detector.detect(turned);
            assertThat(faces).as("%d quarter turn(s)", q).hasSize(1);
            assertThat(FaceApiLandmarkDetectorTest.normalisedMeanError(faces.get(0).landmarks(), new Landmarks(points)))
                    .as("%d quarter turn(s)", q).isLessThan(0.06);
        }
    }

    @Test
    void aTileDetectionCutByAnInnerWindowEdgeIsLeftToTheNextWindow() {
        // The face (about 103, 70 px from the paste's corner at 240 px) centred on (800, 800) of a 1600² photo:
        // the inner corner of the top-left window [0, 800)², whole in the middle window [400, 1200)².
        java.awt.image.BufferedImage canvas = new java.awt.image.BufferedImage(1600, 1600,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = canvas.createGraphics();
        g.setColor(new java.awt.Color(120, 120, 120));
        g.fillRect(0, 0, 1600, 1600);
        g.drawImage(astronaut.toBufferedImage(), 697, 730, 240, 240, null);
        g.dispose();
        RgbImage photo = RgbImage.fromBufferedImage(canvas);
        BlazeFaceDetector blazeFace = new BlazeFaceDetector();
        List<BlazeFaceDetection> middle = blazeFace.detect(photo, 400, 400, 800);
        assertThat(middle).hasSize(1);
        List<BlazeFaceDetection> found = blazeFace.detectTiled(photo);
        assertThat(found).hasSize(1);
        // the whole face's box, not a mean with the cut ones of the neighbouring windows
        assertThat(found.get(0).box().x()).isCloseTo(middle.get(0).box().x(), within(0.5));
        assertThat(found.get(0).box().width()).isCloseTo(middle.get(0).box().width(), within(0.5));
    }

    @Test
    void aGreyImageAndAFlatCropHaveNoFace() {
        float[] grey = new float[300 * 200];
        Arrays.fill(grey, 0.5f);
        assertThat(detector.detect(new RgbImage(300, 200, grey, grey, grey))).isEmpty();
    }

    @Test
    void aTurnedFaceIsFoundAndItsCropTurnsWithIt() {
        // the sample turned 30° clockwise about its centre: the crop's angle follows the eye line
        int n = astronaut.width();
        double a = Math.toRadians(30);
        float[][] src = {astronaut.r(), astronaut.g(), astronaut.b()};
        float[][] dst = new float[3][n * astronaut.height()];
        double cx = n / 2.0, cy = astronaut.height() / 2.0;
        for (int y = 0; y < astronaut.height(); y++) {
            for (int x = 0; x < n; x++) {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                int sx = (int) Math.floor(cx + Math.cos(a) * dx + Math.sin(a) * dy);
                int sy = (int) Math.floor(cy - Math.sin(a) * dx + Math.cos(a) * dy);
                if (sx >= 0 && sy >= 0 && sx < n && sy < astronaut.height()) {
                    for (int c = 0; c < 3; c++) {
                        dst[c][y * n + x] = src[c][sy * n + sx];
                    }
                }
            }
        }
        RgbImage turned = new RgbImage(n, astronaut.height(), dst[0], dst[1], dst[2]);
        List<MeshFace> faces = detector.detectMeshes(turned);
        assertThat(faces).hasSize(1);
        double upright = detector.detectMeshes(astronaut).get(0).crop().angle();
        assertThat(faces.get(0).crop().angle() - upright).isCloseTo(a, within(Math.toRadians(5)));
    }
}
