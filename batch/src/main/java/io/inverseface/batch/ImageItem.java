package io.inverseface.batch;

import io.inverseface.core.batch.OutputNames;
import java.io.Serializable;
import java.util.Objects;

/**
 * One image of the job, shipped to an executor.
 *
 * @param id         how the image is named in the manifest (the list line, or the path relative to the input directory)
 * @param uri        fully qualified Hadoop URI to read it from ({@code file:/...}, {@code hdfs://...}, {@code s3a://...})
 * @param outputName its output sub-directory: deterministic from {@code id}, so a retried task rewrites the same files
 */
public record ImageItem(String id, String uri, String outputName) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ImageItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(outputName, "outputName");
    }

    /** Same directory names as the single-machine {@code inverseface batch}. */
    public static ImageItem of(String id, String uri) {
        return new ImageItem(id, uri, OutputNames.forId(id));
    }
}
