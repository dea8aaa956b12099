package io.inverseface.core.io;

/**
 * How many pixels a photo may have before it is decoded, and what happens to a larger one: refused with
 * an {@link ImageReadException} (the default), or decoded at every {@code k}-th pixel in each direction
 * for the smallest integer {@code k} that fits ({@link ImageLoader#decode(byte[], java.nio.file.Path,
 * PixelLimit)}). The size is read from the file's header, so neither case decodes the full image.
 *
 * @param maxPixels the most pixels (width × height) a decoded photo may have, ≥ 1
 * @param downscale true to subsample a larger photo to fit, false to refuse it
 */
public record PixelLimit(long maxPixels, boolean downscale) {

    public PixelLimit {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("the pixel limit must be at least 1, got " + maxPixels);
        }
    }

    /** What this JVM's heap can fit a reconstruction in ({@link ImageLoader#defaultMaxPixels()}); larger photos are refused. */
    public static PixelLimit heapDefault() {
        return new PixelLimit(ImageLoader.defaultMaxPixels(), false);
    }

    /**
     * @param megapixels the limit in millions of pixels, &gt; 0
     * @param downscale  whether a larger photo is subsampled to fit (else refused)
     */
    public static PixelLimit megapixels(double megapixels, boolean downscale) {
        if (!(megapixels > 0) || Double.isInfinite(megapixels)) {
            throw new IllegalArgumentException("the pixel limit must be a positive number of megapixels, got " + megapixels);
        }
        return new PixelLimit(Math.max(1, (long) (megapixels * 1e6)), downscale);
    }

    /** The same limit, with or without downscaling. */
    public PixelLimit withDownscale(boolean downscale) {
        return new PixelLimit(maxPixels, downscale);
    }

    /**
     * The subsampling factor for a photo of {@code width × height}: 1 when it fits, the smallest
     * {@code k} with {@code ⌈w/k⌉·⌈h/k⌉ ≤ maxPixels} when it does not and downscaling is on, 0 when it
     * does not and downscaling is off (refused).
     */
    public int factorFor(long width, long height) {
        if (width * height <= maxPixels) {
            return 1;
        }
        if (!downscale) {
            return 0;
        }
        long k = Math.max(2, (long) Math.ceil(Math.sqrt((double) width * height / maxPixels)));
        while (ceilDiv(width, k) * ceilDiv(height, k) > maxPixels) {
            k++;
        }
        return (int) Math.min(k, Integer.MAX_VALUE);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
