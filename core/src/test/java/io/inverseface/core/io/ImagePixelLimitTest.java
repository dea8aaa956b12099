package io.inverseface.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photos too large for the heap are refused from their header, before any decoding. */
class ImagePixelLimitTest {

    @TempDir
    Path dir;

    /** A PNG whose header claims 40000 × 40000 pixels (1.6 Gpx) and that holds no image data at all. */
    private static byte[] hugeHeaderOnlyPng() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(40_000).putInt(40_000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void aHugeValidHeaderIsRefusedAsTooLargeNotAsCorrupt() throws Exception {
        Path file = dir.resolve("huge.png");
        Files.write(file, hugeHeaderOnlyPng());
        assertThatThrownBy(() -> ImageLoader.load(file)).isInstanceOf(ImageReadException.class)
                .hasMessageContaining("40000x40000")
                .hasMessageContaining("1600.0 Mpx")
                .hasMessageContaining("-Xmx")
                .hasMessageNotContaining("corrupt");
    }

    @Test
    void theLimitCanBeSetAndAnImageWithinItLoads() throws Exception {
        Path file = dir.resolve("small.png");
        ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        assertThatThrownBy(() -> ImageLoader.load(file, 50_000)).isInstanceOf(ImageReadException.class)
                .hasMessageContaining("300x200");
        assertThat(ImageLoader.load(file, 60_000).width()).isEqualTo(300);
        assertThat(ImageLoader.defaultMaxPixels()).isEqualTo(Runtime.getRuntime().maxMemory() / ImageLoader.BYTES_PER_PIXEL);
    }
}
