package io.inverseface.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.core.batch.Manifest;
import io.inverseface.core.batch.ManifestRow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {

    private static final List<String> FILES = List.of("image.png", "parameters.json", "mesh.obj", "landmarks.pts",
            "landmarks.json", "depth.pfm", "normals.png", "mask.png");

    @Test
    void theSameSeedGivesTheSameBytesWhateverTheThreadsAndAReRunSkipsCompleteFaces(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        CliRunner first = new CliRunner(), second = new CliRunner();
        assertThat(first.run("synth", "--count", "3", "--output", a.toString(), "--seed", "11", "--size", "128",
                "--threads", "2")).as(first.err.toString()).isZero();
        assertThat(second.run("synth", "-n", "3", "-o", b.toString(), "--seed", "11", "--size", "128", "-t", "1"))
                .as(second.err.toString()).isZero();
        assertThat(first.out.toString()).contains("3 faces: 0 already done, 3 ok, 0 failed");

        for (int i = 0; i < 3; i++) {
            String face = String.format("face-%06d", i);
            for (String f : FILES) {
                assertThat(a.resolve(face).resolve(f)).isNotEmptyFile();
            }
            assertThat(Files.readAllBytes(a.resolve(face).resolve("image.png")))
                    .isEqualTo(Files.readAllBytes(b.resolve(face).resolve("image.png")));
        }
        assertThat(Files.readAllBytes(a.resolve("face-000000/image.png")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("face-000001/image.png")));
        assertDepthIsAPfmOfTheImageSize(a.resolve("face-000000/depth.pfm"), 128);
        assertThat(Files.readString(a.resolve("face-000000/parameters.json"))).contains("\"seed\" : 11")
                .contains("\"yaw\"").contains("\"coefficients\"");

        // Resume: delete one face's file; only that face is made again.
        Files.delete(b.resolve("face-000002/mask.png"));
        FileTime untouched = Files.getLastModifiedTime(b.resolve("face-000000/image.png"));
        Thread.sleep(20);
        CliRunner third = new CliRunner();
        assertThat(third.run("synth", "-n", "3", "-o", b.toString(), "--seed", "11", "--size", "128")).isZero();
        assertThat(third.out.toString()).contains("3 faces: 2 already done, 1 ok, 0 failed");
        assertThat(b.resolve("face-000002/mask.png")).isNotEmptyFile();
        assertThat(Files.getLastModifiedTime(b.resolve("face-000000/image.png"))).isEqualTo(untouched);
        assertThat(Manifest.readAll(b.resolve("manifest.jsonl"))).hasSize(3)
                .extracting(ManifestRow::input).doesNotHaveDuplicates();
    }

    private static void assertDepthIsAPfmOfTheImageSize(Path pfm, int size) throws Exception {
        byte[] bytes = Files.readAllBytes(pfm);
        String header = "Pf\n" + size + " " + size + "\n-1.0\n";
        assertThat(new String(bytes, 0, header.length(), StandardCharsets.US_ASCII)).isEqualTo(header);
        assertThat(bytes.length).isEqualTo(header.length() + 4 * size * size);
        ByteBuffer data = ByteBuffer.wrap(bytes, header.length(), 4 * size * size).order(ByteOrder.LITTLE_ENDIAN);
        int finite = 0, nan = 0;
        for (int i = 0; i < size * size; i++) {
            float v = data.getFloat();
            if (Float.isNaN(v)) {
                nan++;
            } else {
                finite++;
            }
        }
        assertThat(finite).as("face pixels").isPositive();
        assertThat(nan).as("background pixels").isPositive();
    }

    @Test
    void aNegativeCountIsAParameterError(@TempDir Path dir) {
        CliRunner cli = new CliRunner();
        assertThat(cli.run("synth", "--count", "-1", "-o", dir.toString())).isEqualTo(2);
        assertThat(cli.err.toString().strip().lines()).hasSize(1);
        assertThat(cli.err.toString()).contains("--count");
    }
}
