package io.inverseface.core.model;

import java.nio.file.Path;

/**
 * A face model could not be loaded. The message names the file and the problem; {@link #problem()}
 * classifies it for callers that react differently (e.g. re-download on a checksum mismatch).
 */
public class ModelLoadException extends io.inverseface.core.InverseFaceException {

    /** What was wrong with the file. */
    public enum Problem {
        /** A required file is missing or unreadable. */
        MISSING,
        /** The file cannot be parsed (bad JSON, bad OBJ, missing field). */
        FORMAT,
        /** Sizes or counts disagree with the declared shapes. */
        SHAPE,
        /** The file holds NaN or infinite values. */
        NON_FINITE,
        /** An index (landmark, polygon corner) points outside its array. */
        INDEX_OUT_OF_RANGE,
        /** The file's SHA-256 differs from the pinned manifest. */
        CHECKSUM
    }

    private final transient Path file;
    private final Problem problem;

    public ModelLoadException(Path file, Problem problem, String detail) {
        this(file, problem, detail, null);
    }

    public ModelLoadException(Path file, Problem problem, String detail, Throwable cause) {
        super(file + ": " + problem.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + detail, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }

    public Problem problem() {
        return problem;
    }
}
