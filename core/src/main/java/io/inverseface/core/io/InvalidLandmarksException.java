package io.inverseface.core.io;

import io.inverseface.core.InverseFaceException;

/**
 * Landmark values that cannot be used: a count other than 68, a NaN or infinite coordinate, or a
 * point outside the image.
 */
public class InvalidLandmarksException extends InverseFaceException {

    private static final long serialVersionUID = 1L;

    /** @param message which landmark is wrong and how */
    public InvalidLandmarksException(String message) {
        super(message);
    }
}
