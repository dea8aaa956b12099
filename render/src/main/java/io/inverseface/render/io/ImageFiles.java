package io.inverseface.render.io;

import io.inverseface.render.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** {@link RgbImage}s to and from image files: 8-bit PNG out (atomically), anything ImageIO reads in. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** Writes an 8-bit PNG atomically (temporary file in the same directory, then rename). */
    public static void writePng(RgbImage image, Path target) throws IOException {
        BufferedImage img = image.toBufferedImage();
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** Reads any image format ImageIO understands (PNG, JPEG, ...). */
    public static RgbImage read(Path source) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(source.toString());
        }
        BufferedImage img;
        try (InputStream in = Files.newInputStream(source)) {
            img = ImageIO.read(in);
        }
        if (img == null) {
            throw new IOException("not a readable image: " + source);
        }
        return RgbImage.fromBufferedImage(img);
    }
}
