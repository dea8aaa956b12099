package io.inverseface.core.landmarks;

import io.inverseface.core.InverseFaceException;

/** The detector found no face in the image, so there are no landmarks to return (never a guess). */
public class NoFaceFoundException extends InverseFaceException {

    private static final long serialVersionUID = 1L;

    /** @param message which image, and at what score threshold, if known */
    public NoFaceFoundException(String message) {
        super(message);
    }
}
