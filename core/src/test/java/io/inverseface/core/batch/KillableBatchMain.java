package io.inverseface.core.batch;

import java.nio.file.Path;

/**
 * Entry point of the child JVM in {@link BatchRunnerTest}: runs the batch over {@code args[0]} into
 * {@code args[1]} with landmarks from {@code args[2]}, on one thread, until the test kills it.
 */
public final class KillableBatchMain {

    private KillableBatchMain() {
    }

    public static void main(String[] args) {
        Path input = Path.of(args[0]), output = Path.of(args[1]), landmarks = Path.of(args[2]);
        ImageBatchProcessor processor = new ImageBatchProcessor(BatchFixtures.fastReconstructor(), landmarks);
        new BatchRunner(output, 1, BatchListener.NONE).run(ImageInputs.from(input), processor);
    }
}
