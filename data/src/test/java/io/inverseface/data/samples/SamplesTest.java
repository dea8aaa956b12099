package io.inverseface.data.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.net.URL;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesTest {

    private static final double[][] LM = Samples.astronautLandmarks();

    private static double[] mean(int from, int to) {
        double sx = 0;
        double sy = 0;
        for (int i = from; i <= to; i++) {
            sx += LM[i][0];
            sy += LM[i][1];
        }
        int n = to - from + 1;
        return new double[] {sx / n, sy / n};
    }

    @Test
    void imageLoadsFromStreamAndFileAt512() throws IOException {
        BufferedImage fromStream;
        try (InputStream in = Samples.astronautImageStream()) {
            fromStream = ImageIO.read(in);
        }
        Path file = Samples.astronautImage();
        assertThat(file).isRegularFile();
        assertThat(Samples.astronautImage()).isEqualTo(file);
        BufferedImage fromFile = ImageIO.read(file.toFile());
        assertThat(fromStream.getWidth()).isEqualTo(512);
        assertThat(fromStream.getHeight()).isEqualTo(512);
        assertThat(fromFile.getRGB(256, 100)).isEqualTo(fromStream.getRGB(256, 100));
    }

    @Test
    void resourceInsideAJarIsCopiedToATemporaryFile(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("samples.jar");
        byte[] content = {1, 2, 3, 42};
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("x/face.png"));
            out.write(content);
            out.closeEntry();
        }
        URL inJar = new URL("jar:" + jar.toUri() + "!/x/face.png");

        Path copy = Samples.asFile(inJar, "face.png");

        assertThat(copy).isRegularFile().hasBinaryContent(content);
        assertThat(copy.getFileName().toString()).startsWith("inverseface-face-").endsWith(".png");
        assertThat(copy).isNotEqualTo(jar);
        Files.delete(copy);
    }

    @Test
    void sixtyEightFiniteLandmarksInsideTheImage() {
        assertThat(LM).hasNumberOfRows(68);
        for (double[] p : LM) {
            assertThat(p).hasSize(2);
            assertThat(p[0]).isFinite().isBetween(0.0, 512.0);
            assertThat(p[1]).isFinite().isBetween(0.0, 512.0);
        }
        // Fresh copies: callers cannot corrupt the sample.
        Samples.astronautLandmarks()[0][0] = -1;
        assertThat(Samples.astronautLandmarks()[0][0]).isNotEqualTo(-1);
    }

    @Test
    void ptsCopyIsTheJsonShiftedByHalfAPixel() throws IOException {
        List<String> lines = Files.readAllLines(Samples.astronautLandmarksPts());
        assertThat(lines.get(0)).isEqualTo("version: 1");
        assertThat(lines.get(1)).isEqualTo("n_points: 68");
        assertThat(lines.get(2)).isEqualTo("{");
        assertThat(lines.get(71)).isEqualTo("}");
        for (int i = 0; i < 68; i++) {
            String[] xy = lines.get(3 + i).trim().split("\\s+");
            assertThat(Double.parseDouble(xy[0]) - 0.5).as("x of %d", i).isCloseTo(LM[i][0], within(1e-9));
            assertThat(Double.parseDouble(xy[1]) - 0.5).as("y of %d", i).isCloseTo(LM[i][1], within(1e-9));
        }
    }

    @Test
    void geometryIsThatOfAnUprightFrontalFace() {
        double[] leftEye = mean(36, 41);
        double[] rightEye = mean(42, 47);
        double[] noseTip = LM[30];
        double[] mouth = mean(48, 59);
        double[] chin = LM[8];
        // Vertical order: brows above eyes above nose tip above mouth above chin.
        assertThat(mean(17, 21)[1]).isLessThan(leftEye[1]);
        assertThat(mean(22, 26)[1]).isLessThan(rightEye[1]);
        assertThat(Math.max(leftEye[1], rightEye[1])).isLessThan(noseTip[1]);
        assertThat(noseTip[1]).isLessThan(mouth[1]);
        assertThat(mouth[1]).isLessThan(chin[1]);
        // Left-right order (image coordinates): 36 outer < 39 inner < 42 inner < 45 outer.
        assertThat(LM[36][0]).isLessThan(LM[39][0]);
        assertThat(LM[39][0]).isLessThan(LM[42][0]);
        assertThat(LM[42][0]).isLessThan(LM[45][0]);
        assertThat(LM[48][0]).isLessThan(LM[54][0]);
        assertThat(LM[0][0]).isLessThan(LM[8][0]);
        assertThat(LM[8][0]).isLessThan(LM[16][0]);
        // The nose and chin lie between the eyes horizontally.
        assertThat(noseTip[0]).isBetween(leftEye[0], rightEye[0]);
        assertThat(chin[0]).isBetween(leftEye[0], rightEye[0]);
        double iod = Math.hypot(LM[45][0] - LM[36][0], LM[45][1] - LM[36][1]);
        assertThat(iod).isBetween(60.0, 200.0);
        // Upper lid above lower lid for both eyes; inner lip inside the outer lip vertically.
        assertThat(LM[37][1]).isLessThan(LM[41][1]);
        assertThat(LM[44][1]).isLessThan(LM[46][1]);
        assertThat(LM[51][1]).isLessThan(LM[62][1]);
        assertThat(LM[66][1]).isLessThan(LM[57][1]);
    }
}
