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
}
