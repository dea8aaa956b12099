package io.inverseface.core.io;

import io.inverseface.render.RgbImage;
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

    @Test
    void overTheLimitWithDownscaleThePhotoIsDecodedAtEveryKthPixel() throws Exception {
        BufferedImage src = new BufferedImage(301, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                src.setRGB(x, y, (x % 256) << 16 | (y % 256) << 8 | ((x * 7 + y * 3) % 256));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(src, "png", png);
        byte[] bytes = png.toByteArray();
        PixelLimit limit = new PixelLimit(20_000, true);

        // 301×200 = 60,200 px: k = 2 gives 151×100 = 15,100 ≤ 20,000.
        assertThat(ImageLoader.subsampling(bytes, Path.of("p.png"), limit)).isEqualTo(2);
        assertThat(ImageLoader.subsampling(bytes, Path.of("p.png"), limit.withDownscale(false))).isZero();
        DecodedImage d = ImageLoader.decode(bytes, Path.of("p.png"), limit);
        assertThat(d.subsampling()).isEqualTo(2);
        assertThat(d.downscaled()).isTrue();
        assertThat(d.sourceWidth()).isEqualTo(301);
        assertThat(d.sourceHeight()).isEqualTo(200);
        RgbImage img = d.image();
        assertThat(img.width()).isEqualTo(151);
        assertThat(img.height()).isEqualTo(100);
        for (int[] p : new int[][] {{0, 0}, {150, 99}, {37, 61}}) {
            int rgb = src.getRGB(2 * p[0], 2 * p[1]);
            int i = img.index(p[0], p[1]);
            assertThat(Math.round(img.r()[i] * 255)).isEqualTo((rgb >> 16) & 0xff);
            assertThat(Math.round(img.g()[i] * 255)).isEqualTo((rgb >> 8) & 0xff);
            assertThat(Math.round(img.b()[i] * 255)).isEqualTo(rgb & 0xff);
        }
        // Pixel centres correspond: the file's pixel 2i (centre 2i + ½) is the decoded pixel i (centre i + ½).
        double[][] pts = new double[Landmarks.COUNT][];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new double[] {2 * i + 0.5, 100.5};
        }
        double[] mapped = d.toDecoded(Landmarks.of(pts)).coordinates();
        assertThat(mapped[2 * 10]).isEqualTo(10.5);
        assertThat(mapped[2 * 10 + 1]).isEqualTo(50.5);
    }

    @Test
    void withinTheLimitNothingIsSubsampledAndAnImpossibleLimitIsRefused() {
        PixelLimit limit = new PixelLimit(1_000, true);
        assertThat(limit.factorFor(40, 25)).isEqualTo(1);
        // k = 32 leaves ⌈1000/32⌉² = 32² = 1,024 > 1,000 pixels; 33 leaves 31² = 961.
        assertThat(limit.factorFor(1000, 1000)).isEqualTo(33);
        assertThatThrownBy(() -> new PixelLimit(0, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> PixelLimit.megapixels(-2, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
        assertThat(PixelLimit.megapixels(1.5, false).maxPixels()).isEqualTo(1_500_000);
    }
}
