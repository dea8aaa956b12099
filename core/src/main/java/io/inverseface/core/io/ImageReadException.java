package io.inverseface.core.io;

import io.inverseface.core.InverseFaceException;
import java.nio.file.Path;

/** An input image could not be read: missing, a directory, not PNG/JPEG, truncated or corrupt. */
public class ImageReadException extends InverseFaceException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file    the image file concerned
     * @param problem what is wrong with it
     */
    public ImageReadException(Path file, String problem) {
        super("Cannot read image " + file + ": " + problem);
        this.file = file;
    }

    /**
     * @param file    the image file concerned
     * @param problem what is wrong with it
     * @param cause   the decoder's own failure
     */
    public ImageReadException(Path file, String problem, Throwable cause) {
        super("Cannot read image " + file + ": " + problem, cause);
        this.file = file;
    }

    /** @return the image file concerned */
    public Path file() {
        return file;
    }
}
