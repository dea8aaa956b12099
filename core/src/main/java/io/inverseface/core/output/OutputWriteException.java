package io.inverseface.core.output;

import io.inverseface.core.InverseFaceException;
import java.nio.file.Path;

/** A reconstruction's output could not be written; the message names the file or directory. */
public class OutputWriteException extends InverseFaceException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * @param path    the file or directory that could not be written
     * @param problem what went wrong
     * @param cause   the underlying I/O failure
     */
    public OutputWriteException(Path path, String problem, Throwable cause) {
        super("cannot write " + path + ": " + problem, cause);
        this.path = path;
    }

    /** @return the file or directory that could not be written */
    public Path path() {
        return path;
    }
}
