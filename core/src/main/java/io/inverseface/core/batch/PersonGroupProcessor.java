package io.inverseface.core.batch;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.MultiViewReconstruction;
import io.inverseface.core.io.DecodedImage;
import io.inverseface.core.landmarks.NoFaceFoundException;
import io.inverseface.core.io.ImageLoader;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import io.inverseface.core.io.PixelLimit;
import io.inverseface.core.landmarks.FaceChoice;
import io.inverseface.core.output.MultiViewWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One person per item: the item's source is a folder of photos of one person, fitted jointly
 * ({@link FaceReconstructor#reconstruct(List, List)}) and written by {@link MultiViewWriter} (the shared
 * face, parameters.json with every view, a folder per photo). Landmark files are looked up as
 * {@link ImageBatchProcessor} does, for the id {@code GROUP/PHOTO}; photos without one are detected. The
 * result key hashes every photo's key in order, so adding, removing or replacing a photo refits the group.
 */
public final class PersonGroupProcessor implements ItemProcessor {

    private final FaceReconstructor reconstructor;
    private final ImageBatchProcessor single;
    private final MultiViewWriter writer;
    private final PixelLimit pixelLimit;

    public PersonGroupProcessor(FaceReconstructor reconstructor, Path landmarksDirectory, PixelLimit pixelLimit) {
        this(reconstructor, landmarksDirectory, pixelLimit, FaceChoice.largest());
    }

    /** @param faceChoice which detected face of each photo without a landmark file (part of every key) */
    public PersonGroupProcessor(FaceReconstructor reconstructor, Path landmarksDirectory, PixelLimit pixelLimit,
                                FaceChoice faceChoice) {
        this.reconstructor = Objects.requireNonNull(reconstructor, "reconstructor");
        this.single = new ImageBatchProcessor(reconstructor, landmarksDirectory, pixelLimit, faceChoice);
        this.writer = new MultiViewWriter();
        this.pixelLimit = pixelLimit;
    }

    /** The photos of a group folder, sorted by name. */
    static List<Path> photos(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(ImageInputs::isImageFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ManifestRow process(BatchItem item, Path directory) {
        long t0 = System.nanoTime();
        String key = null;
        try {
            List<Path> files = photos(Path.of(item.source()));
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no photos in " + item.source());
            }
            // Every photo read once: its key first (so that a photo failing to decode still leaves the group's
            // key on its failed row), then decoded.
            List<byte[]> bytes = new ArrayList<>();
            List<Landmarks> inFiles = new ArrayList<>();
            List<String> photoKeys = new ArrayList<>();
            for (Path file : files) {
                bytes.add(ImageLoader.readFile(file));
                inFiles.add(single.findLandmarks(photoId(item, file)).orElse(null));
                photoKeys.add(single.keyOf(bytes.get(bytes.size() - 1), file, inFiles.get(inFiles.size() - 1)));
            }
            key = groupKey(files, photoKeys);
            List<RgbImage> images = new ArrayList<>();
            List<Landmarks> landmarks = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                DecodedImage decoded = ImageLoader.decode(bytes.get(i), files.get(i), pixelLimit);
                images.add(decoded.image());
                landmarks.add(inFiles.get(i) != null ? decoded.toDecoded(inFiles.get(i)) : detected(decoded));
            }
            MultiViewReconstruction result = reconstructor.reconstruct(images, landmarks);
            writer.write(result, MultiViewWriter.folderNames(files), directory);
            double rms = result.views().stream().mapToDouble(r -> r.landmarkRmsPixels()).average().orElse(Double.NaN);
            return ManifestRow.ok(item, result.views().get(0).summary().finalCostPerTerm(), rms,
                    (System.nanoTime() - t0) * 1e-9, filesUnder(directory)).withKey(key);
        } catch (RuntimeException e) {
            return ManifestRow.failed(item, BatchRunner.messageOf(e), (System.nanoTime() - t0) * 1e-9).withKey(key);
        }
    }

    /** Every file written, relative to the group's folder ({@code mesh.obj}, {@code view-1-a/overlay.png}, ...): a row is complete only if all are there. */
    private Landmarks detected(DecodedImage decoded) {
        try {
            return reconstructor.detector().detect(decoded.image(), single.faceChoice()).landmarks();
        } catch (NoFaceFoundException e) {
            throw e.about(decoded.source());
        }
    }

    private static List<String> filesUnder(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).map(p -> directory.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.startsWith(".") && !n.contains("/.")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over the group's photos' keys, in name order (each as {@link ImageBatchProcessor#resultKey}). */
    @Override
    public String resultKey(BatchItem item) {
        List<Path> files = photos(Path.of(item.source()));
        List<String> photoKeys = new ArrayList<>();
        for (Path file : files) {
            photoKeys.add(single.resultKey(new BatchItem(photoId(item, file), file.toString(), "x")));
        }
        return groupKey(files, photoKeys);
    }

    /** The id a photo of the group has for its landmark file: {@code GROUP/PHOTO}. */
    private static String photoId(BatchItem group, Path photo) {
        return group.id() + "/" + photo.getFileName();
    }

    private static String groupKey(List<Path> files, List<String> photoKeys) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update("joint-fit\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < files.size(); i++) {
            sha.update((files.get(i).getFileName() + "=" + photoKeys.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
