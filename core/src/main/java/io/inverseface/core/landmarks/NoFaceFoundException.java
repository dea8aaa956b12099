package io.inverseface.core.landmarks;

import io.inverseface.core.InverseFaceException;

/** The detector found no face in the image, so there are no landmarks to return (never a guess). */
public class NoFaceFoundException extends InverseFaceException {

    private static final long serialVersionUID = 1L;

    private final int facesFound;

    /** @param message which image, and at what score threshold, if known */
    public NoFaceFoundException(String message) {
        this(message, 0);
    }

    /**
     * @param message    what was asked for and where
     * @param facesFound how many faces there were (a caller may suggest choosing another)
     */
    public NoFaceFoundException(String message, int facesFound) {
        super(message);
        this.facesFound = facesFound;
    }

    /** The same failure naming the photo: a detector sees pixels only, its caller knows the file. */
    public NoFaceFoundException about(Object photo) {
        return new NoFaceFoundException(photo + ": " + getMessage(), facesFound);
    }

    /** How many faces were found: 0, or fewer than a choice by number asked for. */
    public int facesFound() {
        return facesFound;
    }
}
