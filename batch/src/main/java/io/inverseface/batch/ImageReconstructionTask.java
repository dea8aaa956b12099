package io.inverseface.batch;

import io.inverseface.core.batch.BatchItem;
import io.inverseface.core.batch.ImageBatchProcessor;
import io.inverseface.core.batch.ManifestRow;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.core.io.PixelLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-image function run in executors:
 * <ol>
 *   <li>read the photo, and its landmark file when {@code --landmarks-dir} has one, through Hadoop's
 *       FileSystem (so any URI works);</li>
 *   <li>compute its resume key ({@link io.inverseface.core.batch.ResultKeys}, the same as the local
 *       batch's); when its output folder is done with that key, return the folder's row: nothing is
 *       fitted or written;</li>
 *   <li>otherwise reconstruct with the single-machine batch's per-image function
 *       ({@link ImageBatchProcessor}) into a private local staging directory and publish it
 *       ({@link ImageOutputFolder}: temporary names, renames, {@code done.json} last).</li>
 * </ol>
 * A bad image (unreadable, bad landmark file, no face, face too small) becomes a failed row, never a
 * failed task, so one corrupt file cannot fail the job; a failure to write the outputs does fail the
 * task, for Spark to retry. Outputs go to deterministic paths, so a retried or speculative attempt
 * replaces the same files, and one whose folder an earlier attempt finished skips the fit.
 */
public final class ImageReconstructionTask implements Serializable {

    private static final long serialVersionUID = 2L;
    private static final Logger LOG = LoggerFactory.getLogger(ImageReconstructionTask.class);

    /** One processor per executor JVM and settings, around its one shared reconstructor. */
    private static final Map<ReconstructorSettings, ImageBatchProcessor> PROCESSORS = new ConcurrentHashMap<>();

    private final ReconstructorSettings settings;
    private final OutputLocation output;
    private final String landmarksRoot;

    /**
     * @param landmarksRoot qualified URI of the landmarks directory, or null to detect every image's landmarks
     */
    public ImageReconstructionTask(ReconstructorSettings settings, OutputLocation output, String landmarksRoot) {
        this.settings = settings;
        this.output = output;
        this.landmarksRoot = landmarksRoot == null ? null : landmarksRoot.replaceFirst("/+$", "");
    }

    public ManifestRecord apply(ImageItem image, Configuration conf) {
        long t0 = System.nanoTime();
        BatchItem item = new BatchItem(image.id(), image.uri(), image.outputName());
        String key = null;
        ImageOutputFolder folder;
        byte[] bytes;
        Landmarks landmarks;
        // Outside the per-image handling: no model on this executor is the cluster's problem, not the photo's.
        // The task fails (and the job, after Spark's retries) instead of every photo becoming a failed row.
        ImageBatchProcessor processor =
                PROCESSORS.computeIfAbsent(settings, s -> new ImageBatchProcessor(ExecutorReconstructors.get(s), null,
                        PixelLimit.heapDefault(), s.faceChoice()));
        try {
            bytes = readAll(image.uri(), conf);
            landmarks = findLandmarks(image.id(), conf);
            key = processor.keys().keyOf(bytes, landmarks);
            folder = ImageOutputFolder.at(output.child(image.outputName()), conf);
            Optional<ManifestRow> done = folder.done();
            if (done.isPresent() && key.equals(done.get().key())) {
                LOG.debug("{}: done with the same photo and settings; skipped", image.id());
                return ManifestRecord.ok(image, done.get(), seconds(t0), true);
            }
        } catch (IOException | RuntimeException e) {
            return failed(image, describe(e), t0, key);
        }
        try {
            ManifestRow row = reconstruct(processor, item, bytes, landmarks, folder);
            if (!row.isOk()) {
                folder.retract();
                return failed(image, row.error(), t0, key);
            }
            return ManifestRecord.ok(image, row, seconds(t0), false);
        } catch (IOException e) {
            // Not the image's fault (the output file system): fail the task, Spark retries it.
            throw new UncheckedIOException("cannot write the outputs of " + image.id() + ": " + describe(e), e);
        }
    }

    private static ManifestRecord failed(ImageItem image, String error, long t0, String key) {
        LOG.warn("{} failed: {}", image.id(), error);
        return ManifestRecord.failed(image, error, seconds(t0), key);
    }

    /** Fits into a private local directory, then publishes the files to the output folder. */
    private static ManifestRow reconstruct(ImageBatchProcessor processor, BatchItem item, byte[] bytes,
                                           Landmarks landmarks, ImageOutputFolder folder) throws IOException {
        Path staging = Files.createTempDirectory("inverseface-batch-");
        try {
            ManifestRow row = processor.process(item, bytes, landmarks, staging);
            if (row.isOk()) {
                folder.publish(staging, row);
            }
            return row;
        } finally {
            deleteRecursively(staging);
        }
    }

    /**
     * The image's landmark file under the landmarks directory, the same candidates in the same order
     * as the local batch ({@link ImageBatchProcessor#landmarkFileNames}); null when none exists.
     */
    Landmarks findLandmarks(String id, Configuration conf) throws IOException {
        if (landmarksRoot == null) {
            return null;
        }
        for (String name : ImageBatchProcessor.landmarkFileNames(id)) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(landmarksRoot + "/" + name);
            FileSystem fs = p.getFileSystem(conf);
            if (fs.isFile(p)) {
                String text;
                try (InputStream in = fs.open(p)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Path label = Path.of(name);
                return name.toLowerCase(Locale.ROOT).endsWith(".json") ? LandmarksReader.parseJson(text, label)
                        : LandmarksReader.parsePts(text, label);
            }
        }
        return null;
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
