package io.inverseface.examples;

import io.inverseface.render.io.ImageFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.batch.Manifest;
import io.inverseface.core.batch.ManifestRow;
import io.inverseface.core.io.LandmarksWriter;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticFace;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.render.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {

    private final CliRunner cli = new CliRunner();

    /** Two synthetic photos with landmark files, and a corrupt "photo" in a sub-directory. */
    static void writeInputs(Path images, Path landmarks) throws Exception {
        Files.createDirectories(images.resolve("sub"));
        Files.createDirectories(landmarks);
        SyntheticFaceGenerator g = SyntheticFaceGenerator.builder().model(FaceModels.ictLight()).seed(3).imageSize(256)
                .yawRange(20).build();
        for (int i = 0; i < 2; i++) {
            SyntheticFace f = g.face(i);
            ImageFiles.writePng(f.image(), images.resolve("face" + i + ".png"));
            LandmarksWriter.writeJson(f.landmarks(), landmarks.resolve("face" + i + ".json"));
        }
        Files.writeString(images.resolve("sub/broken.jpg"), "no JPEG here");
    }

    @Test
    void reconstructsADirectoryRecordsTheFailureAndResumesWithoutRedoingAnything(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("images"), landmarks = dir.resolve("lm"), out = dir.resolve("out");
        writeInputs(images, landmarks);
        String[] args = {"batch", "--input", images.toString(), "--output", out.toString(), "--threads", "2",
                "--landmarks-dir", landmarks.toString(), "--backend", "cpu", "--quick"};

        assertThat(cli.run(args)).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("3 images: 0 already done, 2 ok, 1 failed").contains("manifest.jsonl");
        List<ManifestRow> rows = Manifest.readAll(out.resolve("manifest.jsonl"));
        assertThat(rows).hasSize(3);
        ManifestRow broken = rows.stream().filter(r -> r.input().equals("sub/broken.jpg")).findFirst().orElseThrow();
        assertThat(broken.isOk()).isFalse();
        assertThat(broken.error()).contains("broken.jpg");
        assertThat(rows.stream().filter(ManifestRow::isOk)).allSatisfy(r -> {
            assertThat(r.isComplete(out)).isTrue();
            assertThat(out.resolve(r.output()).resolve("overlay.png")).isNotEmptyFile();
        });

        CliRunner again = new CliRunner();
        assertThat(again.run(args)).isZero();
        assertThat(again.out.toString()).contains("3 images: 2 already done, 1 failed before (unchanged), 0 ok, 0 failed");
        assertThat(Manifest.readAll(out.resolve("manifest.jsonl"))).hasSize(3)
                .extracting(ManifestRow::input).doesNotHaveDuplicates();

        CliRunner retry = new CliRunner();
        String[] retryArgs = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--retry-failed"))
                .toArray(String[]::new);
        assertThat(retry.run(retryArgs)).isZero();
        assertThat(retry.out.toString()).contains("3 images: 2 already done, 0 ok, 1 failed")
                .contains("--retry-failed runs them again");
        assertThat(Manifest.readAll(out.resolve("manifest.jsonl"))).hasSize(3);
    }

    @Test
    void aListFileNamesTheImages(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("images"), landmarks = dir.resolve("lm"), out = dir.resolve("out");
        writeInputs(images, landmarks);
        Path list = Files.writeString(dir.resolve("list.txt"), "# photos\nimages/face1.png\n\n");

        int code = cli.run("batch", "-i", list.toString(), "-o", out.toString(), "-t", "1", "--landmarks-dir",
                landmarks.toString(), "--backend", "cpu", "--quick");

        assertThat(code).as(cli.err.toString()).isZero();
        assertThat(Manifest.readAll(out.resolve("manifest.jsonl"))).singleElement()
                .satisfies(r -> assertThat(r.input()).isEqualTo("images/face1.png"))
                .satisfies(r -> assertThat(r.isOk()).as(r.error()).isTrue());
    }

    @Test
    void detailIsAnotherSettingSoSwitchingItRedoesTheImage(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("images"), landmarks = dir.resolve("lm"), out = dir.resolve("out");
        writeInputs(images, landmarks);
        Path list = Files.writeString(dir.resolve("list.txt"), "images/face0.png\n");
        String[] coarse = {"batch", "-i", list.toString(), "-o", out.toString(), "-t", "1", "--landmarks-dir",
                landmarks.toString(), "--backend", "cpu", "--quick"};
        assertThat(cli.run(coarse)).as(cli.err.toString()).isZero();

        CliRunner detail = new CliRunner();
        String[] withDetail = java.util.stream.Stream.concat(java.util.Arrays.stream(coarse), java.util.stream.Stream.of("--detail"))
                .toArray(String[]::new);
        assertThat(detail.run(withDetail)).as(detail.err.toString()).isZero();
        assertThat(detail.out.toString()).contains("1 images: 0 already done, 1 ok");
        ManifestRow row = Manifest.readAll(out.resolve("manifest.jsonl")).get(0);
        assertThat(row.files()).contains("detail.obj", "albedo.png");
        assertThat(out.resolve(row.output()).resolve("detail.obj")).isNotEmptyFile();

        CliRunner same = new CliRunner();
        assertThat(same.run(withDetail)).isZero();
        assertThat(same.out.toString()).contains("1 images: 1 already done, 0 ok");
    }

    @Test
    void zeroThreadsIsAParameterError(@TempDir Path dir) {
        assertThat(cli.run("batch", "-i", dir.toString(), "-o", dir.resolve("o").toString(), "--threads", "0")).isEqualTo(2);
        assertThat(cli.err.toString().strip().lines()).hasSize(1);
        assertThat(cli.err.toString()).contains("--threads");
    }

    @Test
    void aBadFaceChoiceIsAParameterError(@TempDir Path dir) {
        assertThat(cli.run("batch", "-i", dir.toString(), "-o", dir.resolve("o").toString(), "--face", "biggest"))
                .isEqualTo(2);
        assertThat(cli.err.toString().strip().lines()).hasSize(1);
        assertThat(cli.err.toString()).contains("--face").contains("biggest");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void aDetectedPhotoWithoutTheAskedForFaceFailsAloneNamingIt(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("images"), out = dir.resolve("out");
        Files.createDirectories(images);
        Files.copy(io.inverseface.data.samples.Samples.astronautImage(), images.resolve("astronaut.png"));
        // one face in the photo: the second is not there
        assertThat(cli.run("batch", "-i", images.toString(), "-o", out.toString(), "--backend", "cpu", "--quick",
                "--face", "2")).as(cli.err.toString()).isZero();
        List<ManifestRow> rows = Manifest.readAll(out.resolve("manifest.jsonl"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).isOk()).isFalse();
        assertThat(rows.get(0).error()).contains("face 2").contains("1 found").contains("astronaut.png");
    }

    @Test
    void aMissingInputIsOneLineAndExitCodeOne(@TempDir Path dir) {
        int code = cli.run("batch", "-i", dir.resolve("nowhere").toString(), "-o", dir.resolve("o").toString());

        assertThat(code).isEqualTo(1);
        assertThat(cli.err.toString().strip().lines()).hasSize(1);
        assertThat(cli.err.toString()).startsWith("inverseface: error:").contains("nowhere");
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
