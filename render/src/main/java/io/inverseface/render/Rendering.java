package io.inverseface.render;

/**
 * Result of {@link Renderer#render}: the shaded colour image, a normal image (view-frame unit normal
 * mapped to colour as {@code (n + 1)/2}, black where empty) and the visibility buffer it was shaded from.
 */
public record Rendering(RgbImage color, RgbImage normals, VisibilityBuffer visibility) {
    /** Coverage mask (white where a triangle is visible). */
    public RgbImage mask() {
        return visibility.maskImage();
    }

    /** Depth image (see {@link VisibilityBuffer#depthImage()}). */
    public RgbImage depth() {
        return visibility.depthImage();
    }
}
