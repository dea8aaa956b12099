package io.inverseface.core.io;

import io.inverseface.render.RgbImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageLoaderTest {

    @TempDir
    Path dir;

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("writer for " + format).isTrue();
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void loadsRgbPngExactly() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        img.setRGB(2, 1, 0x3366CC);
        Path p = write("rgb.png", encode(img, "png"));

        RgbImage loaded = ImageLoader.load(p);

        assertThat(loaded.width()).isEqualTo(3);
        assertThat(loaded.height()).isEqualTo(2);
        assertThat(ImageLoader.decode(ImageLoader.readFile(p), p, PixelLimit.heapDefault()).source()).isEqualTo(p);
        assertThat(loaded.r()[loaded.index(0, 0)]).isEqualTo(1f);
        assertThat(loaded.g()[loaded.index(0, 0)]).isEqualTo(0f);
        int i = loaded.index(2, 1);
        assertThat(loaded.r()[i]).isCloseTo(0x33 / 255f, within(1e-6f));
        assertThat(loaded.g()[i]).isCloseTo(0x66 / 255f, within(1e-6f));
        assertThat(loaded.b()[i]).isCloseTo(0xCC / 255f, within(1e-6f));
        assertThat(loaded.toBufferedImage().getRGB(2, 1) & 0xFFFFFF).isEqualTo(0x3366CC);
    }

    @Test
    void greyPngKeepsItsStoredValuesInAllChannels() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 64);
        img.getRaster().setSample(1, 0, 0, 200);
        RgbImage loaded = ImageLoader.load(write("grey.png", encode(img, "png")));
        // Stored value 64 must come back as 64/255, not brightened by a linear-grey conversion.
        assertThat(loaded.r()[0]).isCloseTo(64 / 255f, within(1e-6f));
        assertThat(loaded.g()[0]).isEqualTo(loaded.r()[0]);
        assertThat(loaded.b()[1]).isCloseTo(200 / 255f, within(1e-6f));
    }

    @Test
    void sixteenBitGreyPngKeepsFullPrecision() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(0, 0, 0, 1000);
        img.getRaster().setSample(1, 0, 0, 65535);
        RgbImage loaded = ImageLoader.load(write("grey16.png", encode(img, "png")));
        assertThat(loaded.r()[0]).isCloseTo(1000 / 65535f, within(1e-7f));
        assertThat(loaded.b()[1]).isEqualTo(1f);
    }

    @Test
    void sixteenBitRgbPngLoads() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 2);
        raster.setPixel(1, 0, new int[] {65535, 32768, 257});
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        RgbImage loaded = ImageLoader.load(write("rgb16.png", encode(img, "png")));
        int i = loaded.index(1, 0);
        assertThat(loaded.r()[i]).isEqualTo(1f);
        assertThat(loaded.g()[i]).isCloseTo(32768 / 65535f, within(1e-7f));
        assertThat(loaded.b()[i]).isCloseTo(257 / 65535f, within(1e-7f));
        assertThat(loaded.r()[0]).isEqualTo(0f);
    }

    @Test
    void rgbaPngDropsAlphaAndKeepsColour() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_4BYTE_ABGR);
        img.setRGB(0, 0, 0x80336699);
        img.setRGB(1, 0, 0xFFFFFFFF);
        RgbImage loaded = ImageLoader.load(write("rgba.png", encode(img, "png")));
        assertThat(loaded.r()[0]).isCloseTo(0x33 / 255f, within(1e-6f));
        assertThat(loaded.g()[0]).isCloseTo(0x66 / 255f, within(1e-6f));
        assertThat(loaded.b()[0]).isCloseTo(0x99 / 255f, within(1e-6f));
        assertThat(loaded.b()[1]).isEqualTo(1f);
    }

    @Test
    void greyJpegLoadsIntoAllChannels() throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(180, 180, 180));
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        RgbImage loaded = ImageLoader.load(write("grey.jpg", encode(img, "jpeg")));
        int i = loaded.index(8, 8);
        assertThat(loaded.r()[i]).isCloseTo(180 / 255f, within(0.02f));
        assertThat(loaded.g()[i]).isEqualTo(loaded.r()[i]);
    }

    @Test
    void palettedPngLoads() throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 4, 4);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 2, 4);
        g.dispose();
        RgbImage loaded = ImageLoader.load(write("indexed.png", encode(img, "png")));
        assertThat(loaded.r()[loaded.index(0, 0)]).isEqualTo(0f);
        assertThat(loaded.g()[loaded.index(3, 3)]).isEqualTo(1f);
    }

    @Test
    void truncatedPngIsAnImageReadException() throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | ((x ^ y) & 0xff));
            }
        }
        byte[] full = encode(img, "png");
        Path p = write("cut.png", Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> ImageLoader.load(p))
                .isInstanceOf(ImageReadException.class)
                .hasMessageContaining("cut.png")
                .hasMessageContaining("PNG");
    }

    @Test
    void truncatedJpegIsAnImageReadException() throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | ((x * y) & 0xff));
            }
        }
        byte[] full = encode(img, "jpeg");
        Path p = write("cut.jpg", Arrays.copyOf(full, full.length * 2 / 3));
        assertThatThrownBy(() -> ImageLoader.load(p))
                .isInstanceOf(ImageReadException.class)
                .hasMessageContaining("cut.jpg")
                .hasMessageContaining("truncated");
    }

    @Test
    void textFileNamedJpgIsRejectedByContent() throws IOException {
        Path p = write("notes.jpg", "this is not a picture\n".getBytes());
        assertThatThrownBy(() -> ImageLoader.load(p))
                .isInstanceOf(ImageReadException.class)
                .hasMessageContaining("notes.jpg")
                .hasMessageContaining("not a PNG or JPEG");
    }

    @Test
    void directoryIsRejected() {
        assertThatThrownBy(() -> ImageLoader.load(dir))
                .isInstanceOf(ImageReadException.class)
                .hasMessageContaining("directory")
                .satisfies(e -> assertThat(((ImageReadException) e).file()).isEqualTo(dir));
    }

    @Test
    void missingFileIsRejected() {
        Path p = dir.resolve("nobody.png");
        assertThatThrownBy(() -> ImageLoader.load(p))
                .isInstanceOf(ImageReadException.class)
                .hasMessageContaining("nobody.png")
                .hasMessageContaining("not found");
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path p = write("empty.png", new byte[0]);
        assertThatThrownBy(() -> ImageLoader.load(p))
                .isInstanceOf(ImageReadException.class)
                .hasMessageContaining("empty");
    }

    /**
     * A 32x16 JPEG stored with quadrants red | green over blue | white, tagged with an EXIF
     * orientation; the loader must return the upright picture.
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        // orientation, upright width, height, then colours of the upright top-left, top-right, bottom-left, bottom-right
        "1, 32, 16, R, G, B, W",
        "3, 32, 16, W, B, G, R",
        "6, 16, 32, B, R, W, G",
        "8, 16, 32, G, W, R, B",
    })
    void honoursExifOrientation(int orientation, int width, int height, char tl, char tr, char bl, char br)
            throws IOException {
        BufferedImage stored = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 16, 8);
        g.setColor(Color.GREEN);
        g.fillRect(16, 0, 16, 8);
        g.setColor(Color.BLUE);
        g.fillRect(0, 8, 16, 8);
        g.setColor(Color.WHITE);
        g.fillRect(16, 8, 16, 8);
        g.dispose();
        byte[] jpeg = encode(stored, "jpeg");
        // Insert the Exif APP1 segment right after SOI.
        byte[] app1 = ExifOrientationReaderTest.app1(ExifOrientationReaderTest.tiff(orientation % 2 == 0, orientation, 1));
        byte[] tagged = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, tagged, 0, 2);
        System.arraycopy(app1, 0, tagged, 2, app1.length);
        System.arraycopy(jpeg, 2, tagged, 2 + app1.length, jpeg.length - 2);

        RgbImage upright = ImageLoader.load(write("o" + orientation + ".jpg", tagged));

        assertThat(upright.width()).isEqualTo(width);
        assertThat(upright.height()).isEqualTo(height);
        // Sample the centre of each quadrant, away from JPEG ringing at the colour edges.
        assertColour(upright, width / 4, height / 4, tl);
        assertColour(upright, 3 * width / 4, height / 4, tr);
        assertColour(upright, width / 4, 3 * height / 4, bl);
        assertColour(upright, 3 * width / 4, 3 * height / 4, br);
    }

    private static void assertColour(RgbImage img, int x, int y, char colour) {
        int i = img.index(x, y);
        float[] expected = switch (colour) {
            case 'R' -> new float[] {1, 0, 0};
            case 'G' -> new float[] {0, 1, 0};
            case 'B' -> new float[] {0, 0, 1};
            default -> new float[] {1, 1, 1};
        };
        assertThat(new float[] {img.r()[i], img.g()[i], img.b()[i]})
                .as("colour at (%d, %d)", x, y)
                .containsExactly(expected, within(0.15f));
    }

    @Test
    void orientationsCoverAllEightTransformsConsistently() {
        // 3x2 image with distinct values; applying an orientation then its inverse must give it back.
        float[] v = {0, 1, 2, 3, 4, 5};
        RgbImage img = new RgbImage(3, 2, v.clone(), v.clone(), v.clone());
        ImageOrientation[][] inversePairs = {
            {ImageOrientation.FLIP_HORIZONTAL, ImageOrientation.FLIP_HORIZONTAL},
            {ImageOrientation.ROTATE_180, ImageOrientation.ROTATE_180},
            {ImageOrientation.FLIP_VERTICAL, ImageOrientation.FLIP_VERTICAL},
            {ImageOrientation.TRANSPOSE, ImageOrientation.TRANSPOSE},
            {ImageOrientation.ROTATE_90_CW, ImageOrientation.ROTATE_90_CCW},
            {ImageOrientation.TRANSVERSE, ImageOrientation.TRANSVERSE},
        };
        for (ImageOrientation[] pair : inversePairs) {
            RgbImage once = pair[0].apply(img);
            assertThat(once.r()).as(pair[0].name()).isNotEqualTo(v);
            assertThat(pair[1].apply(once).r()).as(pair[0] + " then " + pair[1]).containsExactly(v);
        }
        // Rotating 90 degrees clockwise: upright row 0 is the stored column 0 read bottom-up.
        RgbImage cw = ImageOrientation.ROTATE_90_CW.apply(img);
        assertThat(cw.width()).isEqualTo(2);
        assertThat(cw.r()).containsExactly(3, 0, 4, 1, 5, 2);
        assertThat(ImageOrientation.fromExif(0)).isEqualTo(ImageOrientation.NORMAL);
        assertThat(ImageOrientation.fromExif(7)).isEqualTo(ImageOrientation.TRANSVERSE);
    }
}
