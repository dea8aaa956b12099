package io.inverseface.examples;

import io.inverseface.render.io.ImageFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.render.RgbImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RenderCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = InverseFaceCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writesPicturesAndMeshesOfTheMeanAndRandomFaces(@TempDir Path dir) throws Exception {
        int code = run("render", "--output", dir.toString(), "--count", "2", "--size", "128", "--seed", "7");

        assertThat(code).as(err.toString()).isZero();
        for (String name : new String[] {"mean", "face_001", "face_002"}) {
            assertThat(dir.resolve(name + ".obj")).isNotEmptyFile();
            RgbImage png = ImageFiles.read(dir.resolve(name + ".png"));
            assertThat(png.width()).isEqualTo(128);
            // The face covers a good part of the picture: count pixels that differ from the background.
            int face = 0;
            for (int i = 0; i < png.r().length; i++) {
                if (Math.abs(png.r()[i] - 0.12f) > 0.05f) {
                    face++;
                }
            }
            assertThat(face).as(name + " face pixels").isGreaterThan(128 * 128 / 10);
        }
        assertThat(dir.resolve("overview.png")).isNotEmptyFile();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
        }
    }

    @Test
    void sameSeedGivesTheSameFaces(@TempDir Path a, @TempDir Path b) throws Exception {
        assertThat(run("render", "-o", a.toString(), "-n", "1", "--size", "64", "--seed", "3")).isZero();
        assertThat(run("render", "-o", b.toString(), "-n", "1", "--size", "64", "--seed", "3")).isZero();
        assertThat(Files.readAllBytes(a.resolve("face_001.obj"))).isEqualTo(Files.readAllBytes(b.resolve("face_001.obj")));
    }

    @Test
    void badArgumentsGiveOneLineAndExitCodeTwo() {
        int code = run("render", "--count", "many", "--output", "x");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("--count").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void outOfRangeSizeIsRejected(@TempDir Path dir) {
        assertThat(run("render", "-o", dir.toString(), "--size", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("--size must be between 32 and 8192");
    }

    @Test
    void missingModelGivesOneLineAndExitCodeOne(@TempDir Path dir) {
        int code = run("render", "-o", dir.resolve("out").toString(), "--model", dir.resolve("nope").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("inverseface: error:").contains("nope");
    }
}
