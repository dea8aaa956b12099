package io.inverseface.render;

import io.inverseface.render.io.ImageFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RgbImageTest {
    @TempDir
    Path dir;

    @Test
    void pngRoundTripIsExactForEightBitValues() throws IOException {
        Random rnd = new Random(5);
        RgbImage img = new RgbImage(37, 21);
        for (int c = 0; c < 3; c++) {
            float[] plane = img.channel(c);
            for (int i = 0; i < plane.length; i++) plane[i] = rnd.nextInt(256) / 255f;
        }
        Path file = dir.resolve("sub/out.png");
        ImageFiles.writePng(img, file);
        RgbImage back = ImageFiles.read(file);
        assertThat(back.width()).isEqualTo(37);
        assertThat(back.height()).isEqualTo(21);
        for (int c = 0; c < 3; c++) assertThat(back.channel(c)).containsExactly(img.channel(c));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.png");
        }
    }

    @Test
    void writingClampsOutOfRangeAndNaN() throws IOException {
        RgbImage img = new RgbImage(2, 1);
        img.set(0, 0, -1f, 2f, Float.NaN);
        img.set(1, 0, 0.5f, 0.25f, 1f);
        Path file = dir.resolve("clamp.png");
        ImageFiles.writePng(img, file);
        RgbImage back = ImageFiles.read(file);
        assertThat(back.get(0, 0, 0)).isZero();
        assertThat(back.get(0, 0, 1)).isEqualTo(1f);
        assertThat(back.get(0, 0, 2)).isZero();
        assertThat(back.get(1, 0, 0)).isEqualTo(128 / 255f);
    }

    @Test
    void errorsAreTypedAndNamed() throws IOException {
        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("missing.png"))).isInstanceOf(NoSuchFileException.class);
        Path junk = dir.resolve("junk.png");
        Files.writeString(junk, "not an image");
        assertThatThrownBy(() -> ImageFiles.read(junk)).isInstanceOf(IOException.class).hasMessageContaining("junk.png");
        assertThatThrownBy(() -> new RgbImage(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RgbImage(2, 2).get(2, 0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new RgbImage(2, 2, new float[4], new float[4], new float[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
