package io.inverseface.core.batch;

/** Hears of a batch's progress (e.g. to move a progress bar); called from worker threads. */
public interface BatchListener {

    /** No-op listener. */
    BatchListener NONE = new BatchListener() { };

    /** Before the first item: {@code toDo} items will run, {@code skipped} were already complete. */
    default void started(int toDo, int skipped) {
    }

    /** After an item's row has been recorded. */
    default void finished(ManifestRow row) {
    }
}
