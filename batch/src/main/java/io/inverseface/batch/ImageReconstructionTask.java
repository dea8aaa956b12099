package io.inverseface.batch;

import io.inverseface.core.batch.BatchItem;
import io.inverseface.core.batch.ImageBatchProcessor;
import io.inverseface.core.batch.ManifestRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-image function run in executors: read one image through Hadoop's FileSystem (so any URI works),
 * hand its bytes to the single-machine batch's per-image function ({@link ImageBatchProcessor}: reconstruct
 * with detected landmarks, write every output atomically, describe the outcome), and turn its row into a
 * Parquet manifest record. Never throws for a bad image: the failure becomes a row, so one corrupt file
 * cannot fail the task, and Spark's retries stay for lost executors. Outputs go to deterministic paths,
 * so a retried or speculative attempt replaces the same files instead of adding new ones.
 */
public final class ImageReconstructionTask implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ImageReconstructionTask.class);

    /** One processor per executor JVM and settings, around its one shared reconstructor. */
    private static final Map<ReconstructorSettings, ImageBatchProcessor> PROCESSORS = new ConcurrentHashMap<>();

    private final ReconstructorSettings settings;
    private final OutputLocation output;

    public ImageReconstructionTask(ReconstructorSettings settings, OutputLocation output) {
        this.settings = settings;
        this.output = output;
    }

    public ManifestRecord apply(ImageItem image, Configuration conf) {
        long t0 = System.nanoTime();
        BatchItem item = new BatchItem(image.id(), image.uri(), image.outputName());
        ManifestRow row;
        try {
            row = process(item, readAll(image.uri(), conf), conf);
        } catch (IOException | RuntimeException e) {
            row = ManifestRow.failed(item, describe(e), seconds(t0));
        }
        if (!row.isOk()) {
            LOG.warn("{} failed: {}", image.id(), row.error());
            return ManifestRecord.failed(image, row.error(), seconds(t0));
        }
        // The row's own time starts after the read; the manifest's includes it.
        return ManifestRecord.ok(image, image.outputName(), row.landmarkRms(), seconds(t0), row.energies());
    }

    private ManifestRow process(BatchItem item, byte[] bytes, Configuration conf) throws IOException {
        ImageBatchProcessor processor = PROCESSORS.computeIfAbsent(settings,
                s -> new ImageBatchProcessor(ExecutorReconstructors.get(s), null));
        if (output.isLocal()) {
            return processor.process(item, bytes, null, output.localRoot().resolve(item.outputName()));
        }
        // Other file systems: write to a private local directory, then upload file by file (atomically).
        Path staging = Files.createTempDirectory("inverseface-batch-");
        try {
            ManifestRow row = processor.process(item, bytes, null, staging);
            if (row.isOk()) {
                OutputLocation.upload(staging, output.child(item.outputName()), conf);
            }
            return row;
        } finally {
            deleteRecursively(staging);
        }
    }

    static byte[] readAll(String uri, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** Hadoop's messages are often the bare path: add the exception's type to say what went wrong. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message.replace('\n', ' ').strip();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }
}
