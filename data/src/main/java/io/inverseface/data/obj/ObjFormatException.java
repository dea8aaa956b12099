package io.inverseface.data.obj;

import java.io.IOException;
import java.nio.file.Path;

/** A Wavefront OBJ file that cannot be parsed; the message names the file and the line. */
public class ObjFormatException extends IOException {
    private final transient Path file;
    private final long line;

    public ObjFormatException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file that failed to parse. */
    public Path file() {
        return file;
    }

    /** 1-based line number of the problem, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
