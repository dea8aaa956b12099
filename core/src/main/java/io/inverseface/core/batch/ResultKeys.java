package io.inverseface.core.batch;

import io.inverseface.core.FaceReconstructor;
import io.inverseface.core.LibraryVersion;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.landmarks.FaceChoice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The resume key of one batch result: SHA-256 over everything the result depends on, so that a stored
 * result counts as done only when its key equals the key the current run computes for the same photo.
 * <ul>
 *   <li>the photo's bytes (a photo replaced under the same name is redone);</li>
 *   <li>where its landmarks came from: the points of a landmark file, or the detector (and which of
 *       the faces it finds: the largest);</li>
 *   <li>every coarse and detail option of the reconstructor, and its energy terms ({@code --quick}
 *       results are not done for a full run, a coarse-only result is not done for a run with detail);</li>
 *   <li>the model's content ({@link io.inverseface.core.model.FaceModel#contentHash()}) and this
 *       library's version ({@link LibraryVersion}).</li>
 * </ul>
 * The linear-algebra backend is left out: it changes how fast, not what. The one place that computes
 * keys: the local batch ({@link ImageBatchProcessor}) and the Spark job both use it, so both agree on
 * what is done.
 */
public final class ResultKeys {

    /** Bumped when what goes into a key changes, so older keys stop matching. */
    static final String FORMAT = "inverseface-result-key/1";

    /** In every key of a reconstructor: its options, model and version. */
    private final String run;
    /** How landmarks are found when no file gives them. */
    private final String detection;

    private ResultKeys(String run, String detection) {
        this.run = run;
        this.detection = detection;
    }

    /** Keys for results of {@code reconstructor} that detect the largest face where no landmark file is given. */
    public static ResultKeys of(FaceReconstructor reconstructor) {
        return of(reconstructor, FaceChoice.largest());
    }

    /**
     * Keys for results of {@code reconstructor} (hashes its model once; cached by the model after that).
     *
     * @param choice which detected face photos without a landmark file are fitted to
     */
    public static ResultKeys of(FaceReconstructor reconstructor, FaceChoice choice) {
        Objects.requireNonNull(reconstructor, "reconstructor");
        Objects.requireNonNull(choice, "choice");
        String run = FORMAT
                + "\nversion=" + LibraryVersion.get()
                + "\nmodel=" + reconstructor.model().name() + ":" + reconstructor.model().contentHash()
                + "\ncoarse=" + reconstructor.coarseOptions()
                + "\nenergies=" + reconstructor.energyNames()
                + "\ndetail=" + (reconstructor.detailOptions() == null ? "off" : reconstructor.detailOptions());
        String detection = "detected:" + reconstructor.detectorName() + ",face=" + choice.text();
        return new ResultKeys(run, detection);
    }

    /** What every key of this run includes besides the photo and its landmarks, one setting a line. */
    public String description() {
        return run + "\nlandmarks (no file)=" + detection;
    }

    /**
     * @param photo     the photo file's bytes, exactly as read
     * @param landmarks the landmarks given for it (from a file), or null when they are detected
     * @return 64 hex digits
     */
    public String keyOf(byte[] photo, Landmarks landmarks) {
        return keyOf(photo, landmarks, 1);
    }

    /**
     * As {@link #keyOf(byte[], Landmarks)} for a photo decoded at every {@code subsampling}-th pixel
     * (a batch that downscales over-large photos); 1, full size, gives the same key as without it.
     */
    public String keyOf(byte[] photo, Landmarks landmarks, int subsampling) {
        Objects.requireNonNull(photo, "photo");
        MessageDigest d = sha256();
        d.update((run + "\nphoto=" + hex(sha256().digest(photo)) + "\nlandmarks=" + landmarkSource(landmarks)
                + (subsampling > 1 ? "\nsubsampling=" + subsampling : "")).getBytes(StandardCharsets.UTF_8));
        return hex(d.digest());
    }

    private String landmarkSource(Landmarks landmarks) {
        if (landmarks == null) {
            return detection;
        }
        // The points, not the file's bytes: a reformatted file with the same points gives the same fit.
        double[] c = landmarks.coordinates();
        ByteBuffer b = ByteBuffer.allocate(8 * c.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : c) {
            b.putDouble(v);
        }
        return "given:" + hex(sha256().digest(b.array()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
