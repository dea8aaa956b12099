package io.inverseface.core.io;

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
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PNG and JPEG photographs into {@link LoadedImage} planes.
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
    public static LoadedImage load(Path file) {
        return load(file, defaultMaxPixels());
    }

    /**
     * @param file      a PNG or JPEG file
     * @param maxPixels the most pixels (width × height) to accept
     * @return its pixels, upright, as sRGB-encoded values in [0, 1]
     * @throws ImageReadException if the file cannot be read or decoded, or has more pixels
     */
    public static LoadedImage load(Path file, long maxPixels) {
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
     * @param source the file name to report in errors and to record in the result; may be {@code null}
     * @return its pixels, upright, as sRGB-encoded values in [0, 1]
     * @throws ImageReadException if the bytes are not a decodable PNG or JPEG
     */
    public static LoadedImage decode(byte[] bytes, Path source) {
        return decode(bytes, source, defaultMaxPixels());
    }

    /** As {@link #decode(byte[], Path)}, refusing images of more than {@code maxPixels} pixels. */
    public static LoadedImage decode(byte[] bytes, Path source, long maxPixels) {
        String format;
        if (startsWith(bytes, PNG_SIGNATURE)) {
            format = "png";
        } else if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8
                && (bytes[2] & 0xff) == 0xFF) {
            format = "jpeg";
        } else if (bytes.length == 0) {
            throw new ImageReadException(source, "the file is empty");
        } else {
            throw new ImageReadException(source, "not a PNG or JPEG image (unrecognised file signature)");
        }
        BufferedImage image = readWithImageIo(bytes, format, source, maxPixels);
        LoadedImage planes = toPlanes(image, source);
        if (format.equals("jpeg")) {
            ImageOrientation orientation = ExifOrientationReader.fromJpeg(bytes);
            if (orientation != ImageOrientation.NORMAL) {
                LOG.debug("{}: applying EXIF orientation {}", source, orientation);
            }
            planes = orientation.apply(planes);
        }
        return planes;
    }

    private static BufferedImage readWithImageIo(byte[] bytes, String format, Path source, long maxPixels) {
        String name = format.toUpperCase(java.util.Locale.ROOT);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new ImageReadException(source, "no " + name + " decoder is available in this Java runtime");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0), height = reader.getHeight(0);
            if (width * height > maxPixels) {
                throw new ImageReadException(source, String.format(java.util.Locale.ROOT,
                        "the image is %dx%d (%.1f Mpx), more than the %.1f Mpx this JVM's heap can fit a face in; "
                                + "downscale it or raise the heap (-Xmx)", width, height, width * height / 1e6, maxPixels / 1e6));
            }
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0);
            for (String w : warnings) {
                // The JPEG decoder fills a cut-off file with grey and only warns; that is data loss.
                String lower = w.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("premature end") || lower.contains("truncated")) {
                    throw new ImageReadException(source, "truncated " + name + " data (" + w + ")");
                }
                LOG.warn("{}: {}", source, w);
            }
            return image;
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
    static LoadedImage toPlanes(BufferedImage image, Path source) {
        ColorModel cm = image.getColorModel();
        if (!(cm instanceof ComponentColorModel) || cm.isAlphaPremultiplied()) {
            return LoadedImage.fromBufferedImage(image, source);
        }
        int colourType = cm.getColorSpace().getType();
        int components = cm.getNumColorComponents();
        boolean grey = colourType == ColorSpace.TYPE_GRAY && components == 1;
        boolean rgb = cm.getColorSpace().isCS_sRGB() && components == 3;
        if (!grey && !rgb) {
            return LoadedImage.fromBufferedImage(image, source);
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
        return new LoadedImage(w, h, planes[0], planes[1], planes[2], source);
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
