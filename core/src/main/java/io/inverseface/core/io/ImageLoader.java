package io.inverseface.core.io;

import io.inverseface.render.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PNG and JPEG photographs into {@link RgbImage} planes.
 *
 * <ul>
 *   <li>The format is decided by the file's content (signature bytes), not its name.</li>
 *   <li>JPEG: the EXIF Orientation tag is honoured, so the result is upright.</li>
 *   <li>PNG: 8- and 16-bit, RGB, grey and paletted images load; grey is copied to all three
 *       channels; alpha is dropped.</li>
 *   <li>Every failure — missing file, directory, unknown format, truncated or corrupt data, more pixels
 *       than the heap can hold — is an {@link ImageReadException} naming the file.</li>
 *   <li>The size is read from the file's header before anything is decoded: a photo of more than
 *       {@link #defaultMaxPixels()} pixels (what a fit needs about {@value #BYTES_PER_PIXEL} bytes per
 *       pixel of heap for) is refused at once instead of running out of memory halfway.</li>
 * </ul>
 */
public final class ImageLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ImageLoader.class);

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Heap a reconstruction needs per photo pixel: decoded planes, pyramid, renderings, visibility. */
    public static final long BYTES_PER_PIXEL = 100;

    private ImageLoader() {
    }

    /** The most pixels {@link #load(Path)} accepts: this JVM's maximum heap over {@value #BYTES_PER_PIXEL} bytes. */
    public static long defaultMaxPixels() {
        return Runtime.getRuntime().maxMemory() / BYTES_PER_PIXEL;
    }

    /**
     * @param file a PNG or JPEG file
     * @return its pixels, upright, as sRGB-encoded values in [0, 1]
     * @throws ImageReadException if the file cannot be read or decoded
     */
    public static RgbImage load(Path file) {
        return load(file, defaultMaxPixels());
    }

    /**
     * @param file      a PNG or JPEG file
     * @param maxPixels the most pixels (width × height) to accept
     * @return its pixels, upright, as sRGB-encoded values in [0, 1]
     * @throws ImageReadException if the file cannot be read or decoded, or has more pixels
     */
    public static RgbImage load(Path file, long maxPixels) {
        return decode(readFile(file), file, maxPixels);
    }

    /**
     * The bytes of an image file, for callers that need them besides the pixels (a batch hashes them
     * into its resume key); {@link #decode} them next.
     *
     * @throws ImageReadException if the file is missing, a directory or cannot be read
     */
    public static byte[] readFile(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("image path is null");
        }
        if (Files.isDirectory(file)) {
            throw new ImageReadException(file, "it is a directory, expected a PNG or JPEG file");
        }
        if (!Files.exists(file)) {
            throw new ImageReadException(file, "file not found");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageReadException(file, "file not found", e);
        } catch (IOException e) {
            throw new ImageReadException(file, "I/O error: " + e.getMessage(), e);
        }
        return bytes;
    }

    /**
     * Decodes an in-memory PNG or JPEG file.
     *
     * @param bytes  the complete file content
     * @param source the file name to report in errors; may be {@code null}
     * @return its pixels, upright, as sRGB-encoded values in [0, 1]
     * @throws ImageReadException if the bytes are not a decodable PNG or JPEG
     */
    public static RgbImage decode(byte[] bytes, Path source) {
        return decode(bytes, source, defaultMaxPixels());
    }

    /** As {@link #decode(byte[], Path)}, refusing images of more than {@code maxPixels} pixels. */
    public static RgbImage decode(byte[] bytes, Path source, long maxPixels) {
        return decode(bytes, source, new PixelLimit(maxPixels, false)).image();
    }

    /**
     * Decodes an in-memory PNG or JPEG file within a pixel budget: a photo over the limit is refused, or
     * (with {@link PixelLimit#downscale()}) decoded at every k-th pixel, never at full size.
     *
     * @throws ImageReadException if the bytes are not a decodable PNG or JPEG, or the photo is over a
     *                            limit that does not downscale
     */
    public static DecodedImage decode(byte[] bytes, Path source, PixelLimit limit) {
        String format = formatOf(bytes, source);
        Decoded decoded = readWithImageIo(bytes, format, source, limit);
        RgbImage planes = toPlanes(decoded.image());
        boolean swapped = false;
        if (format.equals("jpeg")) {
            ImageOrientation orientation = ExifOrientationReader.fromJpeg(bytes);
            if (orientation != ImageOrientation.NORMAL) {
                LOG.debug("{}: applying EXIF orientation {}", source, orientation);
            }
            planes = orientation.apply(planes);
            swapped = planes.width() != decoded.image().getWidth();
        }
        if (decoded.factor() > 1) {
            LOG.info("{}: {}x{} is over the {} Mpx limit; decoded at every {}th pixel ({}x{})", source,
                    decoded.width(), decoded.height(), megapixels(limit.maxPixels()),
                    decoded.factor(), planes.width(), planes.height());
        }
        return new DecodedImage(planes, source, decoded.factor(), swapped ? decoded.height() : decoded.width(),
                swapped ? decoded.width() : decoded.height());
    }

    /**
     * The subsampling {@link #decode(byte[], Path, PixelLimit)} would apply to this photo, read from its
     * header alone: 1 when it fits, k when it would be subsampled, 0 when it would be refused.
     *
     * @throws ImageReadException if the bytes are not a PNG or JPEG with a readable header
     */
    public static int subsampling(byte[] bytes, Path source, PixelLimit limit) {
        String format = formatOf(bytes, source);
        ImageReader reader = readerFor(format, source);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return limit.factorFor(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            throw new ImageReadException(source, "corrupt or truncated " + format.toUpperCase(java.util.Locale.ROOT)
                    + " header: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /** 1600.0, 42.9, 0.05: one decimal, or two significant digits below one megapixel. */
    private static String megapixels(double pixels) {
        double m = pixels / 1e6;
        return String.format(java.util.Locale.ROOT, m >= 1 ? "%.1f" : "%.2g", m);
    }

    private static String formatOf(byte[] bytes, Path source) {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return "png";
        } else if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8
                && (bytes[2] & 0xff) == 0xFF) {
            return "jpeg";
        } else if (bytes.length == 0) {
            throw new ImageReadException(source, "the file is empty");
        }
        throw new ImageReadException(source, "not a PNG or JPEG image (unrecognised file signature)");
    }

    private static ImageReader readerFor(String format, Path source) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new ImageReadException(source, "no " + format.toUpperCase(java.util.Locale.ROOT)
                    + " decoder is available in this Java runtime");
        }
        return readers.next();
    }

    /** The decoder's image, the subsampling it was read at, and the file's size (before orientation). */
    private record Decoded(BufferedImage image, int factor, int width, int height) {
    }

    private static Decoded readWithImageIo(byte[] bytes, String format, Path source, PixelLimit limit) {
        String name = format.toUpperCase(java.util.Locale.ROOT);
        ImageReader reader = readerFor(format, source);
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0), height = reader.getHeight(0);
            int factor = limit.factorFor(width, height);
            if (factor == 0) {
                throw new ImageReadException(source, String.format(java.util.Locale.ROOT,
                        "the image is %dx%d (%s Mpx), more than the %s Mpx limit (by default what the heap fits: "
                                + "-Xmx / %d bytes); downscale it, or raise the limit or the heap",
                        width, height, megapixels((double) width * height), megapixels(limit.maxPixels()), BYTES_PER_PIXEL));
            }
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            ImageReadParam param = reader.getDefaultReadParam();
            if (factor > 1) {
                // The decoder skips the other pixels row by row: the full image is never in memory.
                param.setSourceSubsampling(factor, factor, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            for (String w : warnings) {
                // The JPEG decoder fills a cut-off file with grey and only warns; that is data loss.
                String lower = w.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("premature end") || lower.contains("truncated")) {
                    throw new ImageReadException(source, "truncated " + name + " data (" + w + ")");
                }
                LOG.warn("{}: {}", source, w);
            }
            return new Decoded(image, factor, width, height);
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report truncation and corruption with a variety of exception types.
            throw new ImageReadException(source, "corrupt or truncated " + name + " data: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Reads raw samples where the colour model allows it so that 16-bit precision survives and grey
     * values are not pushed through Java's linear-grey colour space; falls back to {@code getRGB}.
     */
    static RgbImage toPlanes(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        if (!(cm instanceof ComponentColorModel) || cm.isAlphaPremultiplied()) {
            return RgbImage.fromBufferedImage(image);
        }
        int colourType = cm.getColorSpace().getType();
        int components = cm.getNumColorComponents();
        boolean grey = colourType == ColorSpace.TYPE_GRAY && components == 1;
        boolean rgb = cm.getColorSpace().isCS_sRGB() && components == 3;
        if (!grey && !rgb) {
            return RgbImage.fromBufferedImage(image);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        float[][] planes = new float[3][];
        int[] samples = new int[w * h];
        for (int c = 0; c < components; c++) {
            float scale = 1f / ((1 << cm.getComponentSize(c)) - 1);
            raster.getSamples(0, 0, w, h, c, samples);
            float[] plane = new float[w * h];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = samples[i] * scale;
            }
            planes[c] = plane;
        }
        if (grey) {
            planes[1] = planes[0].clone();
            planes[2] = planes[0].clone();
        }
        return new RgbImage(w, h, planes[0], planes[1], planes[2]);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
