package io.inverseface.core.landmarks.graph;

import io.inverseface.core.landmarks.LandmarkModelException;

/** A graph model is malformed, uses an unsupported op or attribute, or is fed a tensor of the wrong shape. */
public class GraphModelException extends LandmarkModelException {

    private static final long serialVersionUID = 1L;

    /** @param message which node or tensor is wrong, and how */
    public GraphModelException(String message) {
        super(message);
    }

    /**
     * @param message which node or tensor is wrong, and how
     * @param cause   the low-level failure
     */
    public GraphModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
