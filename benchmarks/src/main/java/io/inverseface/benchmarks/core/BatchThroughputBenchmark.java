package io.inverseface.benchmarks.core;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.batch.BatchItem;
import io.inverseface.core.batch.BatchListener;
import io.inverseface.core.batch.BatchRunner;
import io.inverseface.core.batch.BatchSummary;
import io.inverseface.core.batch.ImageBatchProcessor;
import io.inverseface.core.batch.SyntheticPairProcessor;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.synth.SyntheticFaceGenerator;
import io.inverseface.optim.backend.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput of {@code inverseface batch} on one machine: synthesises N faces (512 px, generator
 * defaults), then reconstructs them with one shared reconstructor on T threads, landmarks read from
 * files (the detector is not timed), outputs and manifest written as the CLI does. Prints images per
 * second of the batch run (synthesis and model loading excluded; one face is fitted first to warm up
 * the JIT).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.core.BatchThroughputBenchmark
 * [faces] [threads] [full|quick]} (defaults 100, 2, full: the default coarse options; quick: the
 * CLI's {@code --quick} preset).
 */
public final class BatchThroughputBenchmark {

    private BatchThroughputBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        boolean quick = args.length > 2 && args[2].equalsIgnoreCase("quick");
        FaceModel model = FaceModels.ictLight();
        Path work = Files.createTempDirectory("inverseface-batch-bench");
        try {
            long t0 = System.nanoTime();
            SyntheticPairProcessor synth = new SyntheticPairProcessor(
                    SyntheticFaceGenerator.builder().model(model).seed(2024).build(), 2024);
            new BatchRunner(work.resolve("synth"), threads, BatchListener.NONE).run(synth.items(count), synth);
            double synthSeconds = (System.nanoTime() - t0) * 1e-9;
            List<BatchItem> items = new ArrayList<>();
            Path landmarks = Files.createDirectories(work.resolve("landmarks"));
            for (BatchItem face : synth.items(count)) {
                Path dir = work.resolve("synth").resolve(face.outputName());
                Files.copy(dir.resolve("landmarks.pts"), landmarks.resolve(face.id() + ".pts"));
                items.add(BatchItem.of(face.id() + ".png", dir.resolve("image.png").toString()));
            }

            FaceReconstructor.Builder builder = FaceReconstructor.builder().model(model).backend(Backend.CPU);
            if (quick) {
                builder.coarse(c -> c.identityModes(20).photometricRounds(1).photometricIterations(2));
            }
            ImageBatchProcessor processor = new ImageBatchProcessor(builder.build(), landmarks);
            // Warm-up outside the timed run: JIT compilation would otherwise land in the first images.
            new BatchRunner(work.resolve("warm-up"), 1, BatchListener.NONE).run(items.subList(0, 1), processor);

            BatchSummary s = new BatchRunner(work.resolve("out"), threads, BatchListener.NONE).run(items, processor);
            System.out.printf(Locale.ROOT, "Batch throughput: %d synthetic faces (512 px), %d thread(s) on %d core(s), "
                            + "%s coarse options, backend CPU%n", count, threads, Runtime.getRuntime().availableProcessors(),
                    quick ? "quick" : "default");
            System.out.printf(Locale.ROOT, "  synthesis: %.1f s (%.2f faces/s)%n", synthSeconds, count / synthSeconds);
            System.out.printf(Locale.ROOT, "  batch:     %d ok, %d failed in %.1f s -> %.3f images/s%n", s.ok(), s.failed(),
                    s.seconds(), s.itemsPerSecond());
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
