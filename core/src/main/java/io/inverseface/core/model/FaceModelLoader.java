package io.inverseface.core.model;

import java.nio.file.Path;

/** Reads one face model format. A new format is one new implementation of this interface. */
public interface FaceModelLoader {
    /**
     * Loads and validates the model at {@code path} (a directory or file, per format).
     *
     * @throws ModelLoadException naming the file and the problem
     */
    FaceModel load(Path path);
}
