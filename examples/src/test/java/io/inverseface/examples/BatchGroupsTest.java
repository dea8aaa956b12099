package io.inverseface.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.io.LandmarksWriter;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.render.RgbImage;
import io.inverseface.render.io.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch --groups}: a folder per person, fitted jointly, resumed by the group's content. */
class BatchGroupsTest {

    private final CliRunner cli = new CliRunner();

    @Test
    void fitsEachPersonsPhotosTogetherAndDoesNotRefitThemOnARerun(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("people"), lm = dir.resolve("lm"), out = dir.resolve("out");
        SyntheticFaceGenerator g = SyntheticFaceGenerator.builder().model(FaceModels.ictLight()).seed(4).imageSize(256)
                .yawRange(25).build();
        for (String person : new String[] {"ann", "bob"}) {
            Files.createDirectories(input.resolve(person));
            Files.createDirectories(lm.resolve(person));
            List<SyntheticFace> views = g.views(person.equals("ann") ? 0 : 1, 2);
            for (int i = 0; i < 2; i++) {
                SyntheticFace f = views.get(i);
                ImageFiles.writePng(f.image(),
                        input.resolve(person).resolve("p" + i + ".png"));
                LandmarksWriter.writePts(f.landmarks(), lm.resolve(person).resolve("p" + i + ".pts"));
            }
        }
        String[] args = {"batch", "--groups", "--input", input.toString(), "--output", out.toString(), "--landmarks-dir",
                lm.toString(), "--backend", "cpu", "--quick", "--threads", "2"};

        assertThat(cli.run(args)).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("2 people").contains("2 ok");
        for (String person : new String[] {"ann", "bob"}) {
            Path folder = out.resolve(io.inverseface.core.batch.OutputNames.forId(person));
            assertThat(folder.resolve("mesh.obj")).isNotEmptyFile();
            assertThat(folder.resolve("view-1-p0").resolve("overlay.png")).isNotEmptyFile();
            assertThat(folder.resolve("view-2-p1").resolve("parameters.json")).isNotEmptyFile();
        }

        CliRunner again = new CliRunner();
        assertThat(again.run(args)).as(again.err.toString()).isZero();
        assertThat(again.out.toString()).contains("2 already done").contains("0 ok");
    }
}
