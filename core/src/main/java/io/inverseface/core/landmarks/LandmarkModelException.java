package io.inverseface.core.landmarks;

import io.inverseface.core.InverseFaceException;

/** The weights of a detection or landmark network are missing, malformed or of the wrong shape. */
public class LandmarkModelException extends InverseFaceException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with which weight file or tensor */
    public LandmarkModelException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with which weight file or tensor
     * @param cause   the low-level failure
     */
    public LandmarkModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
