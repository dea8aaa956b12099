package io.inverseface.core.batch;

import java.util.Objects;

/**
 * One unit of batch work.
 *
 * @param id         stable key of the item in the manifest (an image's path relative to the input
 *                   directory, the line of a list file, a URI, or a synthetic face's name)
 * @param source     where its input comes from (a local path, a URI, or a description for synthetic items)
 * @param outputName name of its output sub-directory under the batch's output root (see {@link OutputNames})
 */
public record BatchItem(String id, String source, String outputName) {

    public BatchItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outputName, "outputName");
        if (outputName.isEmpty() || outputName.contains("/") || outputName.contains("\\")
                || outputName.equals(".") || outputName.equals("..")) {
            throw new IllegalArgumentException("outputName must be one plain path segment, got '" + outputName + "'");
        }
    }

    /** An item whose output directory is named from its id ({@link OutputNames#forId}). */
    public static BatchItem of(String id, String source) {
        return new BatchItem(id, source, OutputNames.forId(id));
    }
}
