package io.inverseface.core.io;

import io.inverseface.render.RgbImage;
import java.nio.file.Path;

/**
 * A photo as decoded under a {@link PixelLimit}: its pixels, and how it relates to the file when it
 * was subsampled to fit.
 *
 * @param image        the decoded pixels, upright
 * @param source       the file it was read from, for messages; {@code null} when decoded from bytes alone
 * @param subsampling  1 when decoded at full size; otherwise {@code k}: decoded pixel {@code i} is the
 *                     file's pixel {@code k·i} (in each direction)
 * @param sourceWidth  the file's width in pixels (upright)
 * @param sourceHeight the file's height in pixels (upright)
 */
public record DecodedImage(RgbImage image, Path source, int subsampling, int sourceWidth, int sourceHeight) {

    public DecodedImage {
        if (image == null) {
            throw new IllegalArgumentException("image is null");
        }
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be >= 1, got " + subsampling);
        }
    }

    /** True when the photo was subsampled to fit the pixel limit. */
    public boolean downscaled() {
        return subsampling > 1;
    }

    /**
     * Landmarks given in the file's pixels, mapped into the decoded image: pixel centres correspond,
     * so {@code x' = (x − ½)/k + ½} (the same for y). For an EXIF-mirrored photo the mapping is right to
     * within a decoded pixel.
     */
    public Landmarks toDecoded(Landmarks inFile) {
        if (subsampling == 1) {
            return inFile;
        }
        double[] c = inFile.coordinates();
        for (int i = 0; i < c.length; i++) {
            c[i] = (c[i] - 0.5) / subsampling + 0.5;
        }
        return new Landmarks(c);
    }
}
