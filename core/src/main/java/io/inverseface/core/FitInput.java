package io.inverseface.core;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;

/**
 * A photo and the 68 landmarks a fit will use, found (when detected) and checked by
 * {@link FaceReconstructor#input}: a caller can do something between the check and the long fit (create
 * the output directory, say) and the fit does not check again.
 *
 * <p>A class, not a record: only the reconstructor makes one, so every instance has passed its checks.
 */
public final class FitInput {

    private final RgbImage image;
    private final Landmarks landmarks;

    FitInput(RgbImage image, Landmarks landmarks) {
        this.image = image;
        this.landmarks = landmarks;
    }

    /** The photo (shared, not copied). */
    public RgbImage image() {
        return image;
    }

    /** Its 68 landmarks, given or detected. */
    public Landmarks landmarks() {
        return landmarks;
    }
}
