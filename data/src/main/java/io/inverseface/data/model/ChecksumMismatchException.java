package io.inverseface.data.model;

/** A file's SHA-256 differs from the pinned value in the manifest. */
public class ChecksumMismatchException extends ModelResolutionException {
    private final String file;
    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String file, String expected, String actual) {
        super("SHA-256 mismatch for " + file + ": expected " + expected + ", got " + actual);
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    /** The file whose checksum differs (name or URL). */
    public String file() {
        return file;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
