package io.inverseface.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.data.samples.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inverseface landmarks}: every face to JSON, the chosen one to .pts, read back as reconstruct would. */
class LandmarksCommandTest {

    private final CliRunner cli = new CliRunner();

    @Test
    void writesEveryFaceAsJsonAndTheChosenOneAsPtsThatReadsBack(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("lm");
        Path photo = Samples.astronautImage();
        String stem = io.inverseface.core.output.MultiViewWriter.stem(photo);
        int code = cli.run("landmarks", photo.toString(), "-o", out.toString());
        assertThat(code).as(cli.err.toString()).isZero();

        JsonNode json = JsonMapper.builder().build().readTree(out.resolve(stem + ".json").toFile());
        assertThat(json.get("faces")).hasSize(1);
        JsonNode first = json.get("faces").get(0);
        assertThat(first.get("landmarks")).hasSize(Landmarks.COUNT);
        assertThat(first.get("score").asDouble()).isBetween(0.5, 1.0);

        // The .pts holds the same points, in the iBUG convention, and reads back to them.
        Landmarks pts = LandmarksReader.read(out.resolve(stem + ".pts"));
        assertThat(pts.x(30)).isCloseTo(first.get("landmarks").get(30).get(0).asDouble(),
                org.assertj.core.data.Offset.offset(1e-3));
        // Against the sample's hand-placed points: a detector's error, not another face (65 px eye distance).
        Landmarks truth = LandmarksReader.read(Samples.astronautLandmarksPts());
        assertThat(Math.hypot(pts.x(30) - truth.x(30), pts.y(30) - truth.y(30))).isLessThan(10);
        assertThat(cli.out.toString()).contains("1 face(s)").contains(stem + ".pts");
    }

    @Test
    void aPhotoWithoutAFaceGetsItsJsonAndNoPts(@TempDir Path dir) throws Exception {
        Path grey = dir.resolve("flat.png");
        io.inverseface.render.io.ImageFiles.writePng(new io.inverseface.render.RgbImage(128, 128), grey);
        Path out = dir.resolve("lm");
        assertThat(cli.run("landmarks", grey.toString(), "-o", out.toString())).as(cli.err.toString()).isZero();
        assertThat(out.resolve("flat.json")).content().contains("\"faces\" : [ ]");
        assertThat(Files.exists(out.resolve("flat.pts"))).isFalse();
        assertThat(cli.out.toString()).contains("no face").contains("1 without a face");
    }
}
