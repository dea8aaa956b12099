package io.inverseface.data.model;

/** The face model could not be found, downloaded or converted; the message says which step and file. */
public class ModelResolutionException extends RuntimeException {
    public ModelResolutionException(String message) {
        super(message);
    }

    public ModelResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
