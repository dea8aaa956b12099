package io.inverseface.core.batch;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.Reconstruction;
import io.inverseface.core.io.DecodedImage;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.ImageReadException;
import io.inverseface.core.io.PixelLimit;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.io.LandmarksReader;
import io.inverseface.render.RgbImage;
import io.inverseface.core.landmarks.FaceChoice;
import io.inverseface.core.landmarks.NoFaceFoundException;
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
    private final ResultKeys keys;
    private final PixelLimit pixelLimit;
    private final FaceChoice faceChoice;

    /**
     * With the heap's pixel limit ({@link PixelLimit#heapDefault()}): larger photos fail.
     *
     * @param reconstructor      shared by all threads
     * @param landmarksDirectory where to look for landmark files (null: always detect)
     */
    public ImageBatchProcessor(FaceReconstructor reconstructor, Path landmarksDirectory) {
        this(reconstructor, landmarksDirectory, PixelLimit.heapDefault());
    }

    /**
     * @param reconstructor      shared by all threads
     * @param landmarksDirectory where to look for landmark files (null: always detect)
     * @param pixelLimit         the most pixels a photo may have, and whether a larger one is subsampled
     *                           to fit (its landmark file, in the photo's pixels, is mapped along) or fails
     */
    public ImageBatchProcessor(FaceReconstructor reconstructor, Path landmarksDirectory, PixelLimit pixelLimit) {
        this(reconstructor, landmarksDirectory, pixelLimit, FaceChoice.largest());
    }

    /**
     * @param reconstructor      shared by all threads
     * @param landmarksDirectory where to look for landmark files (null: always detect)
     * @param pixelLimit         the most pixels a photo may have, and whether a larger one is subsampled
     * @param faceChoice         which detected face to fit where there is no landmark file (part of every key)
     */
    public ImageBatchProcessor(FaceReconstructor reconstructor, Path landmarksDirectory, PixelLimit pixelLimit,
                               FaceChoice faceChoice) {
        this.reconstructor = Objects.requireNonNull(reconstructor, "reconstructor");
        this.writer = new ReconstructionWriter();
        this.landmarksDirectory = landmarksDirectory;
        this.faceChoice = Objects.requireNonNull(faceChoice, "faceChoice");
        this.keys = ResultKeys.of(reconstructor, faceChoice);
        this.pixelLimit = Objects.requireNonNull(pixelLimit, "pixelLimit");
    }

    /** @return which detected face photos without a landmark file are fitted to */
    public FaceChoice faceChoice() {
        return faceChoice;
    }

    /** The keys of this processor's results (its reconstructor's settings, model and version). */
    public ResultKeys keys() {
        return keys;
    }

    /** Reads the image at {@link BatchItem#source()} (a local path) and reconstructs it. */
    @Override
    public ManifestRow process(BatchItem item, Path directory) {
        long t0 = System.nanoTime();
        String key = null;
        try {
            Path source = Path.of(item.source());
            byte[] bytes = ImageLoader.readFile(source);
            Landmarks landmarks = findLandmarks(item.id()).orElse(null);
            key = keyOf(bytes, source, landmarks);
            return reconstruct(item, ImageLoader.decode(bytes, source, pixelLimit), landmarks, directory, t0).withKey(key);
        } catch (RuntimeException e) {
            return failed(item, e, t0).withKey(key);
        }
    }

    /** The photo's bytes and its landmark file (if any) hashed, with the subsampling its header calls for: no fit. */
    @Override
    public String resultKey(BatchItem item) {
        Path source = Path.of(item.source());
        return keyOf(ImageLoader.readFile(source), source, findLandmarks(item.id()).orElse(null));
    }

    /**
     * The key of a photo's result from its bytes, landmark file (or null) and the subsampling its header
     * calls for under this processor's pixel limit ({@code decode} applies the same): the one key
     * {@link #process} stores and {@link #resultKey} recomputes, whether the fit then works or fails.
     */
    String keyOf(byte[] bytes, Path source, Landmarks landmarks) {
        int subsampling;
        try {
            subsampling = Math.max(1, ImageLoader.subsampling(bytes, source, pixelLimit));
        } catch (ImageReadException e) {
            subsampling = 1; // not an image: it fails the same way whatever the limit, and its key says so
        }
        return keys.keyOf(bytes, landmarks, subsampling);
    }

    /**
     * The same from the image's bytes, for inputs that are not local files (e.g. read from a Hadoop
     * file system by a Spark executor).
     *
     * @param landmarks the image's landmarks, or null to detect them
     */
    public ManifestRow process(BatchItem item, byte[] imageBytes, Landmarks landmarks, Path directory) {
        long t0 = System.nanoTime();
        String key = keyOf(imageBytes, Path.of(item.id()), landmarks);
        try {
            return reconstruct(item, ImageLoader.decode(imageBytes, Path.of(item.id()), pixelLimit), landmarks, directory,
                    t0).withKey(key);
        } catch (RuntimeException e) {
            return failed(item, e, t0).withKey(key);
        }
    }

    private ManifestRow reconstruct(BatchItem item, DecodedImage decoded, Landmarks inFile, Path directory, long t0) {
        RgbImage image = decoded.image();
        Landmarks landmarks = inFile != null ? decoded.toDecoded(inFile) : null;
        Reconstruction r;
        try {
            r = landmarks != null ? reconstructor.reconstruct(image, landmarks) : reconstructor.reconstruct(image, faceChoice);
        } catch (NoFaceFoundException e) {
            throw e.about(decoded.source());
        }
        WrittenFiles files = writer.write(r, directory);
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
        return landmarkFileNames(id).stream().map(landmarksDirectory::resolve).toList();
    }

    /**
     * Where the landmarks of the image {@code id} may be, relative to a landmarks directory, in the
     * order they are looked for: for {@code a/b.png}, {@code a/b.pts}, {@code a/b.json}, {@code b.pts},
     * {@code b.json} (the first two only for a relative id without {@code ..}). Shared with the Spark
     * job, which looks them up on a Hadoop file system.
     */
    public static List<String> landmarkFileNames(String id) {
        String stem = id.replaceFirst("\\.[^./\\\\]*$", "");
        String base = stem.substring(Math.max(stem.lastIndexOf('/'), stem.lastIndexOf('\\')) + 1);
        List<String> out = new ArrayList<>();
        boolean relative = !stem.startsWith("/") && !stem.contains(":") && !stem.contains("..");
        if (relative && !stem.equals(base)) {
            out.add(stem + ".pts");
            out.add(stem + ".json");
        }
        out.add(base + ".pts");
        out.add(base + ".json");
        return out;
    }
}
