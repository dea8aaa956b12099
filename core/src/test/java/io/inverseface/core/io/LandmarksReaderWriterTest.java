package io.inverseface.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandmarksReaderWriterTest {

    @TempDir
    Path dir;

    private static String pts(int n, String firstPoint) {
        StringBuilder sb = new StringBuilder("version: 1\nn_points: " + n + "\n{\n");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 && firstPoint != null ? firstPoint : String.format(Locale.ROOT, "%d.5 %d", 100 + i, 200 + i))
                    .append('\n');
        }
        return sb.append("}\n").toString();
    }

    @Test
    void ptsCoordinatesAreShiftedFromOneBasedCentresToPixelCorners() throws IOException {
        Path p = dir.resolve("a.pts");
        Files.writeString(p, pts(68, "1 1"));
        Landmarks lm = LandmarksReader.read(p);
        // 300-W (1, 1) is the centre of the top-left pixel, which is (0.5, 0.5) in our convention.
        assertThat(lm.point(0)).containsExactly(0.5, 0.5);
        assertThat(lm.point(5)).containsExactly(105.0, 204.5);
    }

    @Test
    void ptsAndJsonRoundTripThroughTheWriters() {
        Landmarks lm = Landmarks.of(TestLandmarks.grid(250.125, 180.7, 93.3));
        Path pts = dir.resolve("sub/face.pts");
        Path json = dir.resolve("face.json");
        LandmarksWriter.writePts(lm, pts);
        LandmarksWriter.writeJson(lm, json);

        Landmarks fromPts = LandmarksReader.read(pts);
        Landmarks fromJson = LandmarksReader.read(json);
        for (int i = 0; i < Landmarks.COUNT; i++) {
            assertThat(fromPts.x(i)).isCloseTo(lm.x(i), within(1e-9));
            assertThat(fromPts.y(i)).isCloseTo(lm.y(i), within(1e-9));
        }
        assertThat(fromJson).isEqualTo(lm);
        // Atomic writes leave no temporary files behind.
        assertThat(dir.resolve("sub").toFile().list()).containsExactly("face.pts");
    }

    @Test
    void writerReplacesAnExistingFile() throws IOException {
        Path json = dir.resolve("face.json");
        Files.writeString(json, "old content that is longer than nothing");
        Landmarks lm = Landmarks.of(TestLandmarks.grid(100, 100, 50));
        LandmarksWriter.writeJson(lm, json);
        assertThat(LandmarksReader.readJson(json)).isEqualTo(lm);
    }

    @Test
    void jsonAcceptsABareArrayOrAnObject() throws IOException {
        double[][] g = TestLandmarks.grid(100, 100, 50);
        StringBuilder arr = new StringBuilder("[");
        for (int i = 0; i < g.length; i++) {
            arr.append(i == 0 ? "" : ",").append('[').append(g[i][0]).append(',').append(g[i][1]).append(']');
        }
        arr.append(']');
        Path bare = dir.resolve("bare.json");
        Files.writeString(bare, arr);
        Path obj = dir.resolve("obj.txt"); // detected by content
        Files.writeString(obj, "{\"image\": \"x.png\", \"landmarks\": " + arr + "}");
        assertThat(LandmarksReader.read(bare)).isEqualTo(Landmarks.of(g));
        assertThat(LandmarksReader.read(obj)).isEqualTo(Landmarks.of(g));
    }

    @Test
    void sixtySevenPointsIsRejectedNamingTheFile() throws IOException {
        Path p = dir.resolve("short.pts");
        Files.writeString(p, pts(67, null));
        assertThatThrownBy(() -> LandmarksReader.read(p))
                .isInstanceOf(InvalidLandmarksException.class)
                .hasMessageContaining("short.pts")
                .hasMessageContaining("68")
                .hasMessageContaining("67");
    }

    @Test
    void countMismatchWithHeaderIsRejected() throws IOException {
        Path p = dir.resolve("lying.pts");
        Files.writeString(p, pts(68, null).replace("n_points: 68", "n_points: 70"));
        assertThatThrownBy(() -> LandmarksReader.read(p))
                .isInstanceOf(InvalidLandmarksException.class)
                .hasMessageContaining("declares n_points: 70 but lists 68");
    }

    @Test
    void nanIsRejectedInBothFormats() throws IOException {
        Path p = dir.resolve("nan.pts");
        Files.writeString(p, pts(68, "NaN 12"));
        assertThatThrownBy(() -> LandmarksReader.read(p))
                .isInstanceOf(InvalidLandmarksException.class)
                .hasMessageContaining("nan.pts")
                .hasMessageContaining("landmark 0")
                .hasMessageContaining("NaN");
        StringBuilder arr = new StringBuilder("[[NaN, 1]");
        for (int i = 1; i < 68; i++) {
            arr.append(", [1, 2]");
        }
        Path j = dir.resolve("nan.json");
        Files.writeString(j, arr.append(']'));
        assertThatThrownBy(() -> LandmarksReader.read(j))
                .isInstanceOf(InvalidLandmarksException.class)
                .hasMessageContaining("nan.json")
                .hasMessageContaining("non-finite x");
    }

    @Test
    void malformedFilesAreFormatErrors() throws IOException {
        Path noBrace = dir.resolve("nobrace.pts");
        Files.writeString(noBrace, "version: 1\nn_points: 68\n");
        assertThatThrownBy(() -> LandmarksReader.read(noBrace))
                .isInstanceOf(LandmarkFormatException.class).hasMessageContaining("'{'");
        Path cut = dir.resolve("cut.pts");
        Files.writeString(cut, pts(68, null).replace("}\n", ""));
        assertThatThrownBy(() -> LandmarksReader.read(cut))
                .isInstanceOf(LandmarkFormatException.class).hasMessageContaining("not closed");
        Path word = dir.resolve("word.pts");
        Files.writeString(word, pts(68, "12 abc"));
        assertThatThrownBy(() -> LandmarksReader.read(word))
                .isInstanceOf(LandmarkFormatException.class).hasMessageContaining("not a number");
        Path badJson = dir.resolve("bad.json");
        Files.writeString(badJson, "[[1, 2], [3");
        assertThatThrownBy(() -> LandmarksReader.read(badJson))
                .isInstanceOf(LandmarkFormatException.class).hasMessageContaining("bad.json").hasMessageContaining("invalid JSON");
        Path triple = dir.resolve("triple.json");
        Files.writeString(triple, "{\"landmarks\": [[1, 2, 3]]}");
        assertThatThrownBy(() -> LandmarksReader.read(triple))
                .isInstanceOf(LandmarkFormatException.class).hasMessageContaining("landmark 0");
        Path noField = dir.resolve("nofield.json");
        Files.writeString(noField, "{\"points\": []}");
        assertThatThrownBy(() -> LandmarksReader.read(noField))
                .isInstanceOf(LandmarkFormatException.class).hasMessageContaining("\"landmarks\"");
    }

    @Test
    void missingFileAndDirectoryAreFormatErrorsNamingThePath() {
        Path missing = dir.resolve("ghost.pts");
        assertThatThrownBy(() -> LandmarksReader.read(missing))
                .isInstanceOf(LandmarkFormatException.class)
                .hasMessageContaining("ghost.pts").hasMessageContaining("not found");
        assertThatThrownBy(() -> LandmarksReader.read(dir))
                .isInstanceOf(LandmarkFormatException.class).hasMessageContaining("directory");
    }
}
