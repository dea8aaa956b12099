package io.inverseface.core.io;

import io.inverseface.render.RgbImage;
import java.util.Locale;

/**
 * Checks that an image and its landmarks can be fitted before any optimisation starts, so that bad
 * input fails fast with a message instead of producing NaN deep in a solver.
 */
public final class InputValidator {

    /** Smallest accepted distance between the outer eye corners (landmarks 36 and 45), pixels. */
    public static final double MIN_INTER_OCULAR_PX = 40.0;

    private InputValidator() {
    }

    /** How far outside the image a landmark may lie, in inter-ocular distances. */
    public static final double OUTSIDE_MARGIN = 0.5;

    /**
     * Validates with the default {@link #MIN_INTER_OCULAR_PX}.
     *
     * @param image     the photo
     * @param landmarks its 68 landmarks (already guaranteed finite by {@link Landmarks})
     * @throws InvalidLandmarksException when a landmark lies outside the image
     * @throws FaceTooSmallException     when the outer eye corners are closer than the minimum
     */
    public static void validate(RgbImage image, Landmarks landmarks) {
        validate(image, landmarks, MIN_INTER_OCULAR_PX);
    }

    /**
     * @param image                  the photo
     * @param landmarks              its 68 landmarks
     * @param minInterOcularDistance smallest accepted distance between landmarks 36 and 45, pixels
     * @throws InvalidLandmarksException when a landmark lies outside the image by more than half the eye distance
     * @throws FaceTooSmallException     when the outer eye corners are closer than the minimum
     */
    public static void validate(RgbImage image, Landmarks landmarks, double minInterOcularDistance) {
        if (image == null || landmarks == null) {
            throw new IllegalArgumentException("image and landmarks are required");
        }
        // A face cut by the frame has points just beyond it (a jaw point at x = −3): allow half the eye
        // distance outside, not more, which landmarks of another photo or another size would need.
        double iod = landmarks.interOcularDistance();
        double margin = OUTSIDE_MARGIN * iod;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double x = landmarks.x(i);
            double y = landmarks.y(i);
            if (x < -margin || y < -margin || x > image.width() + margin || y > image.height() + margin) {
                throw new InvalidLandmarksException(String.format(Locale.ROOT,
                        "landmark %d at (%.2f, %.2f) lies outside the %dx%d image by more than %.0f px (half the eye "
                                + "distance)", i, x, y, image.width(), image.height(), margin));
            }
        }
        if (iod < minInterOcularDistance) {
            throw new FaceTooSmallException(iod, minInterOcularDistance);
        }
    }
}
