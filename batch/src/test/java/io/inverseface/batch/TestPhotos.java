package io.inverseface.batch;

import io.inverseface.data.samples.Samples;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Photos for the batch tests, made at test time from the embedded sample (the only photo the project ships). */
final class TestPhotos {

    private TestPhotos() {
    }

    /**
     * Variant {@code i} of the sample: cropped by {@code 12·i} px on each side and scaled by
     * {@code 1 − 0.06·i}, so each has other bytes and the face stays large enough (i up to 5).
     */
    static Path writeVariant(Path target, int i) throws IOException {
        BufferedImage sample = ImageIO.read(Samples.astronautImage().toFile());
        int margin = 12 * i;
        BufferedImage crop = sample.getSubimage(margin, margin, sample.getWidth() - 2 * margin, sample.getHeight() - 2 * margin);
        int w = (int) Math.round(crop.getWidth() * (1 - 0.06 * i));
        int h = (int) Math.round(crop.getHeight() * (1 - 0.06 * i));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(crop, 0, 0, w, h, null);
        g.dispose();
        Files.createDirectories(target.toAbsolutePath().getParent());
        ImageIO.write(out, "png", target.toFile());
        return target;
    }

    /** The sample's first 2 kB: a PNG signature and a header, then nothing. */
    static Path writeTruncated(Path target) throws IOException {
        byte[] png = Files.readAllBytes(Samples.astronautImage());
        Files.createDirectories(target.toAbsolutePath().getParent());
        return Files.write(target, java.util.Arrays.copyOf(png, 2048));
    }
}
