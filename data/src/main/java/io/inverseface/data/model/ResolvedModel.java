package io.inverseface.data.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model directory and how it was found.
 *
 * @param directory the directory holding the converted model files
 * @param source    which resolution step found it
 */
public record ResolvedModel(Path directory, ModelSource source) {
    public ResolvedModel {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(source, "source");
    }
}
