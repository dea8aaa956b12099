package io.inverseface.core.io;

import io.inverseface.render.RgbImage;
/**
 * The eight EXIF orientations (tag 0x0112) and the transform that turns stored pixels into the
 * upright picture.
 *
 * <p>Each value maps an output pixel {@code (ox, oy)} back to a stored pixel {@code (sx, sy)};
 * orientations 5–8 swap width and height.
 */
public enum ImageOrientation {
    /** 1: stored upright. */
    NORMAL(1),
    /** 2: mirrored left-right. */
    FLIP_HORIZONTAL(2),
    /** 3: upside down. */
    ROTATE_180(3),
    /** 4: mirrored top-bottom. */
    FLIP_VERTICAL(4),
    /** 5: mirrored across the main diagonal. */
    TRANSPOSE(5),
    /** 6: must be turned 90° clockwise to be upright. */
    ROTATE_90_CW(6),
    /** 7: mirrored across the anti-diagonal. */
    TRANSVERSE(7),
    /** 8: must be turned 90° counter-clockwise to be upright. */
    ROTATE_90_CCW(8);

    private final int exifValue;

    ImageOrientation(int exifValue) {
        this.exifValue = exifValue;
    }

    /** @return the EXIF Orientation tag value, 1–8 */
    public int exifValue() {
        return exifValue;
    }

    /**
     * @param value an EXIF Orientation tag value
     * @return the orientation; {@link #NORMAL} for values outside 1–8 (seen in the wild, meaning "unknown")
     */
    public static ImageOrientation fromExif(int value) {
        for (ImageOrientation o : values()) {
            if (o.exifValue == value) {
                return o;
            }
        }
        return NORMAL;
    }

    /** @return whether the upright picture has width and height swapped */
    public boolean swapsAxes() {
        return exifValue >= 5;
    }

    /**
     * Applies the transform, producing the upright picture.
     *
     * @param image the picture as stored
     * @return the upright picture ({@code image} itself for {@link #NORMAL})
     */
    public RgbImage apply(RgbImage image) {
        if (this == NORMAL) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        int ow = swapsAxes() ? h : w;
        int oh = swapsAxes() ? w : h;
        float[] r = new float[ow * oh];
        float[] g = new float[ow * oh];
        float[] b = new float[ow * oh];
        float[] sr = image.r();
        float[] sg = image.g();
        float[] sb = image.b();
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int sx;
                int sy;
                switch (this) {
                    case FLIP_HORIZONTAL -> { sx = w - 1 - ox; sy = oy; }
                    case ROTATE_180 -> { sx = w - 1 - ox; sy = h - 1 - oy; }
                    case FLIP_VERTICAL -> { sx = ox; sy = h - 1 - oy; }
                    case TRANSPOSE -> { sx = oy; sy = ox; }
                    // Upright top-left shows the stored bottom-left pixel.
                    case ROTATE_90_CW -> { sx = oy; sy = h - 1 - ox; }
                    case TRANSVERSE -> { sx = w - 1 - oy; sy = h - 1 - ox; }
                    // Upright top-left shows the stored top-right pixel.
                    case ROTATE_90_CCW -> { sx = w - 1 - oy; sy = ox; }
                    default -> { sx = ox; sy = oy; }
                }
                int s = sy * w + sx;
                int o = oy * ow + ox;
                r[o] = sr[s];
                g[o] = sg[s];
                b[o] = sb[s];
            }
        }
        return new RgbImage(ow, oh, r, g, b);
    }
}
