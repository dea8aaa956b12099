package io.inverseface.benchmarks.photos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.core.model.FaceModels;
import io.inverseface.optim.backend.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The photo landmark benchmark on 4 real photos; skipped where ../shared/eval/photos is absent. */
class PhotoLandmarkBenchmarkTest {
    private static Path root;

    @BeforeAll
    static void locate() {
        Optional<Path> dir = PhotoSet.locate();
        assumeTrue(dir.isPresent(), "no shared/eval/photos beside the checkout: photo landmark tests skipped");
        root = dir.get();
    }

    private static List<Path> fourPhotos() {
        List<Path> photos = PhotoSet.everyKth(PhotoSet.list(root, "lfpw-test"), 4);
        assertThat(photos).hasSize(4);
        return photos;
    }

    @Test
    void nmeIsZeroAgainstItselfAndShiftOverEyeDistanceForAShift() {
        Landmarks truth = LandmarksReader.read(PhotoSet.ptsOf(fourPhotos().get(0)));
        double[] same = truth.coordinates();
        assertThat(Nme.nme68(same, truth)).isEqualTo(0.0);
        assertThat(Nme.nme51(same, truth)).isEqualTo(0.0);
        double[] shifted = truth.coordinates();
        for (int i = 0; i < Landmarks.COUNT; i++) {
            shifted[2 * i] += 3;
            shifted[2 * i + 1] += 4; // a 5 px shift of every point
        }
        double eyes = Math.hypot(truth.x(45) - truth.x(36), truth.y(45) - truth.y(36));
        assertThat(Nme.nme68(shifted, truth)).isCloseTo(5 / eyes, within(1e-12));
        assertThat(Nme.nme51(shifted, truth)).isCloseTo(5 / eyes, within(1e-12));
        // Only the jaw moved: NME51 is untouched, NME68 is 17/68 of the shift.
        double[] jaw = truth.coordinates();
        for (int i = 0; i < Nme.FIRST_INNER; i++) {
            jaw[2 * i] += 5;
        }
        assertThat(Nme.nme51(jaw, truth)).isEqualTo(0.0);
        assertThat(Nme.nme68(jaw, truth)).isCloseTo(17.0 / 68 * 5 / eyes, within(1e-12));
    }

    @Test
    void readerTurnsOneBasedPtsCentresIntoPixelCorners() throws IOException {
        Path pts = PhotoSet.ptsOf(fourPhotos().get(0));
        List<String> lines = Files.readAllLines(pts);
        int open = lines.indexOf("{");
        Landmarks read = LandmarksReader.read(pts);
        for (int i = 0; i < Landmarks.COUNT; i++) {
            String[] xy = lines.get(open + 1 + i).trim().split("\\s+");
            // .pts: 1-based pixel centres; ours: pixel-corner origin, centre of pixel 0 at 0.5.
            assertThat(read.x(i)).isCloseTo(Double.parseDouble(xy[0]) - 0.5, within(1e-9));
            assertThat(read.y(i)).isCloseTo(Double.parseDouble(xy[1]) - 0.5, within(1e-9));
        }
    }

    @Test
    void detectorFindsTheAnnotatedFacesAndTheFitRuns() {
        try (FaceReconstructor reconstructor = FaceReconstructor.builder().model(FaceModels.ictLight())
                .backend(Backend.CPU).withoutDetail().build()) {
            List<PhotoRow> rows = PhotoLandmarkBenchmark.run(reconstructor, fourPhotos());
            assertThat(rows).hasSize(4);
            for (PhotoRow r : rows) {
                assertThat(r.status()).as(r.photo() + " " + r.error()).isEqualTo(PhotoRow.Status.OK);
                assertThat(r.fitNme68()).as(r.photo()).isFinite().isLessThan(0.25);
                assertThat(r.fitNme51()).as(r.photo()).isFinite();
            }
            double meanDetector68 = rows.stream().mapToDouble(PhotoRow::detectorNme68).average().orElseThrow();
            assertThat(meanDetector68).isLessThan(0.15);
            assertThat(PhotoLandmarkBenchmark.summary(rows)).contains("lfpw-test", "fit better");
        }
    }
}
