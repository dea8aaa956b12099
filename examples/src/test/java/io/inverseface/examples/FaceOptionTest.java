package io.inverseface.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.data.samples.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reconstruct --face}: which of the detected faces, and clear errors when it is not there. */
class FaceOptionTest {

    private final CliRunner cli = new CliRunner();

    @Test
    void theMostConfidentFaceOfTheSampleIsFitted(@TempDir Path dir) {
        Path out = dir.resolve("out");
        int code = cli.run("reconstruct", Samples.astronautImage().toString(), "--face", "score", "--no-detail",
                "--backend", "cpu", "-o", out.toString());
        assertThat(code).as(cli.err.toString()).isZero();
        assertThat(out.resolve("mesh.obj")).isNotEmptyFile();
    }

    @Test
    void aFaceNumberBeyondThoseFoundFailsInOneLineAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("out");
        int code = cli.run("reconstruct", Samples.astronautImage().toString(), "--face", "3", "-o", out.toString());
        assertThat(code).isEqualTo(1);
        assertThat(cli.err.toString().trim()).contains("face 3 asked for, but 1 found")
                .contains("or another --face").doesNotContain("\n").doesNotContain("\tat ");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void anUnreadableChoiceIsAUsageError() {
        assertThat(cli.run("reconstruct", Samples.astronautImage().toString(), "--face", "biggest", "-o", "x"))
                .isEqualTo(2);
        assertThat(cli.err.toString()).contains("--face: face choice must be largest, score, a 1-based index or x,y");
    }
}
