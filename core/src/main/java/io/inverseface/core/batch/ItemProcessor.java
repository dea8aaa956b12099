package io.inverseface.core.batch;

import java.nio.file.Path;

/**
 * The work on one item: read its input, write its outputs into {@code directory} (each file atomically),
 * and describe the outcome. Implementations are called from several threads at once and should turn
 * the item's own failures (unreadable input, no face) into {@link ManifestRow#failed} rows rather than
 * throw; {@link BatchRunner} records anything thrown as a failed row too.
 */
@FunctionalInterface
public interface ItemProcessor {

    ManifestRow process(BatchItem item, Path directory);

    /**
     * The key of the result {@link #process} would make for {@code item} now ({@link ResultKeys}; the
     * rows it returns carry the same key), or null for a processor that keeps none. {@link BatchRunner}
     * skips an item only when its stored row is complete and has this key. Called from several threads;
     * may read the item's input. A processor that wraps another must pass this on too.
     *
     * @throws RuntimeException when the input cannot be read: the item then runs, and fails with the reason
     */
    default String resultKey(BatchItem item) {
        return null;
    }
}
