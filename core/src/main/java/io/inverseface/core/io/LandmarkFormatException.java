package io.inverseface.core.io;

import io.inverseface.core.InverseFaceException;
import java.nio.file.Path;

/** A landmark file is missing, unreadable, or not valid iBUG {@code .pts} / landmark JSON. */
public class LandmarkFormatException extends InverseFaceException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file    the landmark file concerned
     * @param problem what is wrong with it
     */
    public LandmarkFormatException(Path file, String problem) {
        super("Bad landmark file " + file + ": " + problem);
        this.file = file;
    }

    /**
     * @param file    the landmark file concerned
     * @param problem what is wrong with it
     * @param cause   the parser's own failure
     */
    public LandmarkFormatException(Path file, String problem, Throwable cause) {
        super("Bad landmark file " + file + ": " + problem, cause);
        this.file = file;
    }

    /** @return the landmark file concerned */
    public Path file() {
        return file;
    }
}
