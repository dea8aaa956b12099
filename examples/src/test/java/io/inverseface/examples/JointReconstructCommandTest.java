package io.inverseface.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.inverseface.core.io.LandmarksWriter;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.render.RgbImage;
import io.inverseface.render.io.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reconstruct a.png b.png c.png}: one face from three photos of one (synthetic) person. */
class JointReconstructCommandTest {

    private final CliRunner cli = new CliRunner();

    private static List<String> writeViews(Path dir, int count) throws Exception {
        List<SyntheticFace> views = SyntheticFaceGenerator.builder().model(FaceModels.ictLight()).seed(8).imageSize(256)
                .yawRange(30).build().views(1, count);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SyntheticFace f = views.get(i);
            Path png = dir.resolve("photo" + i + ".png"), pts = dir.resolve("photo" + i + ".pts");
            ImageFiles.writePng(f.image(), png);
            LandmarksWriter.writePts(f.landmarks(), pts);
            args.add(png.toString());
            args.add("--landmarks");
            args.add(pts.toString());
        }
        return args;
    }

    @Test
    void writesTheSharedFaceAndAFolderPerPhotoWithEveryViewsParameters(@TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("reconstruct"));
        args.addAll(writeViews(dir, 3));
        Path out = dir.resolve("out");
        args.addAll(List.of("--no-detail", "--backend", "cpu", "-o", out.toString()));

        assertThat(cli.run(args.toArray(String[]::new))).as(cli.err.toString()).isZero();
        assertThat(out.resolve("mesh.obj")).isNotEmptyFile();
        assertThat(out.resolve("mesh.ply")).isNotEmptyFile();
        for (int i = 0; i < 3; i++) {
            Path view = out.resolve("view-" + (i + 1) + "-photo" + i);
            assertThat(view.resolve("overlay.png")).isNotEmptyFile();
            assertThat(view.resolve("parameters.json")).isNotEmptyFile();
        }
        JsonNode json = JsonMapper.builder().build().readTree(out.resolve("parameters.json").toFile());
        assertThat(json.get("format").asText()).isEqualTo("inverseface-multiview-parameters");
        assertThat(json.get("views")).hasSize(3);
        // Every view carries the shared identity.
        for (JsonNode view : json.get("views")) {
            assertThat(view.get("parameters").get("identity")).isEqualTo(json.get("identity"));
        }
        assertThat(cli.out.toString()).contains("one face from 3 photos").containsPattern("Times: start-up");
    }

    @Test
    void landmarksForSomeButNotAllPhotosAreRefusedBeforeTheFit(@TempDir Path dir) throws Exception {
        List<String> views = writeViews(dir, 2);
        List<String> args = new ArrayList<>(List.of("reconstruct"));
        args.addAll(views.subList(0, 3)); // photo0 --landmarks photo0.pts
        args.add(views.get(3));           // photo1, without landmarks
        args.addAll(List.of("-o", dir.resolve("out").toString()));

        assertThat(cli.run(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--landmarks is given 1 times for 2 photos").doesNotContain("\tat ");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}
