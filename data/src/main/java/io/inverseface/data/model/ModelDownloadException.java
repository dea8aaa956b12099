package io.inverseface.data.model;

/** Downloading a model file failed (HTTP error, I/O error, interruption). No partial model is left behind. */
public class ModelDownloadException extends ModelResolutionException {
    public ModelDownloadException(String message) {
        super(message);
    }

    public ModelDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
