package io.inverseface.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.data.samples.Samples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReconstructCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = InverseFaceCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void reconstructsTheEmbeddedSampleWithoutArguments(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("astronaut");
        int code = run("reconstruct", "--output", output.toString(), "--backend", "cpu"); // enum case ignored

        assertThat(code).as(err.toString()).isZero();
        for (String name : new String[] {"mesh.obj", "mesh.ply", "parameters.json", "overlay.png", "landmarks.png",
                "shaded.png", "shaded-front.png", "mask.png"}) {
            assertThat(output.resolve(name)).isNotEmptyFile();
        }
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(out.toString()).contains("astronaut.png").contains("Landmark RMS error")
                .contains("landmarks").contains(output.toAbsolutePath().toString());
        // Where the whole process went, phase by phase (WholeProcessBenchmark reads this line).
        assertThat(out.toString()).containsPattern(
                "Times: start-up [0-9.]+ s, image [0-9.]+ s, landmarks [0-9.]+ s, model [0-9.]+ s, backend [0-9.]+ s, "
                        + "fit [0-9.]+ s, writing [0-9.]+ s, total [0-9.]+ s");
    }

    @Test
    void detailWritesTheDetailFilesAndReportsTheStage(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("detail");
        // Model resolution and one Cholesky solve: the files matter here, not the detail's quality.
        int code = run("reconstruct", "--output", output.toString(), "--backend", "cpu", "--detail",
                "--subdivisions", "0", "--detail-regulariser", "l2");

        assertThat(code).as(err.toString()).isZero();
        for (String name : new String[] {"mesh.obj", "albedo.png", "detail.obj", "detail.mtl", "detail.ply",
                "detail.glb", "displacement.png", "displacement.pfm", "detail-grid.png"}) {
            assertThat(output.resolve(name)).isNotEmptyFile();
        }
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(out.toString()).containsPattern("(?m)^  detail +\\d+\\.\\d+ s")
                .contains("Detail: ").contains("(0 subdivisions)").contains("detail.glb");
    }

    @Test
    void detailOptionsWithoutDetailAreAUsageError(@TempDir Path dir) {
        int code = run("reconstruct", "-o", dir.resolve("out").toString(), "--no-detail", "--subdivisions", "2");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--subdivisions needs --detail");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingImageGivesOneLineNamingItAndExitCodeOne(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-photo.jpg");
        int code = run("reconstruct", missing.toString(), "--landmarks", Samples.astronautLandmarksPts().toString(),
                "-o", dir.resolve("out").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("inverseface: error:").contains("no-such-photo.jpg")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) {
        int code = run("reconstruct", dir.resolve("gone.png").toString(), "--landmarks",
                Samples.astronautLandmarksPts().toString(), "-o", dir.resolve("out").toString(), "--verbose");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("inverseface: error:").contains("\tat ");
    }

    @Test
    void aWrongLandmarkCountGivesOneLineNamingTheProblem(@TempDir Path dir) throws Exception {
        Path pts = Files.writeString(dir.resolve("five.pts"),
                "version: 1\nn_points: 5\n{\n10 10\n20 20\n30 30\n40 40\n50 50\n}\n");
        int code = run("reconstruct", Samples.astronautImage().toString(), "--landmarks", pts.toString(),
                "-o", dir.resolve("out").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("inverseface: error:").contains("68").contains("5");
    }

    @Test
    void aFaceTooSmallIsRejectedBeforeFitting(@TempDir Path dir) throws Exception {
        // The sample's landmarks shrunk to a third about their centre: the eyes end up about 22 px apart.
        double[][] points = Samples.astronautLandmarks();
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < points.length; i++) {
            json.append(i == 0 ? "" : ",").append('[').append(256 + (points[i][0] - 256) / 3).append(',')
                    .append(256 + (points[i][1] - 256) / 3).append(']');
        }
        Path small = Files.writeString(dir.resolve("small.json"), json.append(']').toString());
        int code = run("reconstruct", Samples.astronautImage().toString(), "-l", small.toString(),
                "-o", dir.resolve("out").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("inverseface: error:").containsIgnoringCase("small");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anOutputBlockedByAFileFailsBeforeFitting(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("occupied"), "x");
        int code = run("reconstruct", "-o", file.resolve("out").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("inverseface: error: cannot write").contains("occupied");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anImageWithoutLandmarksHasThemDetected(@TempDir Path dir) {
        int code = run("reconstruct", Samples.astronautImage().toString(), "-o", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(dir.resolve("mesh.obj")).isNotEmptyFile();
        assertThat(out.toString()).contains("Landmark RMS");
    }

    @Test
    void anImageWithoutAFaceSaysSoAndExitsOne(@TempDir Path dir) throws Exception {
        Path grey = dir.resolve("grey.png");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        javax.imageio.ImageIO.write(img, "png", grey.toFile());

        int code = run("reconstruct", grey.toString(), "-o", dir.resolve("out").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("no face found").contains("grey.png");
    }

    @Test
    void anUnknownOptionGivesExitCodeTwo(@TempDir Path dir) {
        int code = run("reconstruct", "-o", dir.toString(), "--frobnicate");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("--frobnicate").doesNotContain("\tat ");
    }

    @Test
    void anUnknownBackendGivesExitCodeTwo(@TempDir Path dir) {
        assertThat(run("reconstruct", "-o", dir.toString(), "--backend", "TPU")).isEqualTo(2);
        assertThat(err.toString()).contains("--backend");
    }
}
