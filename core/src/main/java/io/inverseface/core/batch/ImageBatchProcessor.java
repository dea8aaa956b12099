package io.inverseface.core.batch;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.core.io.LoadedImage;
import io.inverseface.core.output.ReconstructionWriter;
import io.inverseface.core.output.WrittenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconstructs one image and writes its outputs ({@link ReconstructionWriter}: mesh, parameters,
 * overlay and diagnostic PNGs, each atomically) into the item's directory; returns its manifest row.
 * The item's own failures (unreadable image, bad landmark file, no face, face too small) become failed
 * rows. Stateless apart from the shared, thread-safe {@link FaceReconstructor}: one instance serves
 * every worker thread (or every task of a Spark executor).
 *
 * <p>Landmarks come from {@code landmarksDirectory} when it holds a file for the image: for the id
 * {@code a/b.png}, the first of {@code a/b.pts}, {@code a/b.json}, {@code b.pts}, {@code b.json};
 * otherwise the reconstructor's detector finds them.
 */
public final class ImageBatchProcessor implements ItemProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ImageBatchProcessor.class);

    private final FaceReconstructor reconstructor;
    private final ReconstructionWriter writer;
    private final Path landmarksDirectory;

    /**
     * @param reconstructor      shared by all threads
     * @param landmarksDirectory where to look for landmark files (null: always detect)
     */
    public ImageBatchProcessor(FaceReconstructor reconstructor, Path landmarksDirectory) {
        this.reconstructor = Objects.requireNonNull(reconstructor, "reconstructor");
        this.writer = new ReconstructionWriter(reconstructor.model());
        this.landmarksDirectory = landmarksDirectory;
    }

    /** Reads the image at {@link BatchItem#source()} (a local path) and reconstructs it. */
    @Override
    public ManifestRow process(BatchItem item, Path directory) {
        long t0 = System.nanoTime();
        try {
            LoadedImage image = ImageLoader.load(Path.of(item.source()));
            return reconstruct(item, image, findLandmarks(item.id()).orElse(null), directory, t0);
        } catch (RuntimeException e) {
            return failed(item, e, t0);
        }
    }

    /**
     * The same from the image's bytes, for inputs that are not local files (e.g. read from a Hadoop
     * file system by a Spark executor).
     *
     * @param landmarks the image's landmarks, or null to detect them
     */
    public ManifestRow process(BatchItem item, byte[] imageBytes, Landmarks landmarks, Path directory) {
        long t0 = System.nanoTime();
        try {
            LoadedImage image = ImageLoader.decode(imageBytes, Path.of(item.id()));
            return reconstruct(item, image, landmarks, directory, t0);
        } catch (RuntimeException e) {
            return failed(item, e, t0);
        }
    }

    private ManifestRow reconstruct(BatchItem item, LoadedImage image, Landmarks landmarks, Path directory, long t0) {
        Reconstruction r = landmarks != null ? reconstructor.reconstruct(image, landmarks) : reconstructor.reconstruct(image);
        WrittenFiles files = writer.write(r, image, directory);
        List<String> names = new ArrayList<>();
        for (Path p : files.all()) {
            names.add(p.getFileName().toString());
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        LOG.debug("{}: ok in {} s", item.id(), seconds);
        return ManifestRow.ok(item, r.summary().finalCostPerTerm(), r.landmarkRmsPixels(), seconds, names);
    }

    private static ManifestRow failed(BatchItem item, RuntimeException e, long t0) {
        String message = BatchRunner.messageOf(e);
        LOG.info("{}: failed: {}", item.id(), message);
        LOG.debug("{}: failure", item.id(), e);
        return ManifestRow.failed(item, message, (System.nanoTime() - t0) * 1e-9);
    }

    /** The landmark file for an item id, read, when the landmarks directory holds one. */
    public Optional<Landmarks> findLandmarks(String id) {
        if (landmarksDirectory == null) {
            return Optional.empty();
        }
        for (Path candidate : candidates(id)) {
            if (Files.isRegularFile(candidate)) {
                LOG.debug("{}: landmarks from {}", id, candidate);
                return Optional.of(LandmarksReader.read(candidate));
            }
        }
        return Optional.empty();
    }

    private List<Path> candidates(String id) {
        String stem = id.replaceFirst("\\.[^./\\\\]*$", "");
        String base = stem.substring(Math.max(stem.lastIndexOf('/'), stem.lastIndexOf('\\')) + 1);
        List<Path> out = new ArrayList<>();
        boolean relative = !stem.startsWith("/") && !stem.contains(":") && !stem.contains("..");
        if (relative && !stem.equals(base)) {
            out.add(landmarksDirectory.resolve(stem + ".pts"));
            out.add(landmarksDirectory.resolve(stem + ".json"));
        }
        out.add(landmarksDirectory.resolve(base + ".pts"));
        out.add(landmarksDirectory.resolve(base + ".json"));
        return out;
    }
}
