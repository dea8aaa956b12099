package io.inverseface.core.landmarks;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@link LandmarkDetector}: face-api's tiny face detector, then its 68-point landmark
 * net on a square crop around each face, all in pure Java from the weights bundled in
 * {@code inverseface-data}.
 *
 * <p>The crop is the square centred on the detected box with side {@code max(w, h) * (1 + margin)};
 * face-api itself uses the box padded to a square (margin 0), which is the default here.
 *
 * <p>Thread-safe; construct once and share (loading parses ~600 KB of weights).
 */
public final class FaceApiLandmarkDetector implements LandmarkDetector {

    private static final Logger LOG = LoggerFactory.getLogger(FaceApiLandmarkDetector.class);

    /** Default crop margin around the detected box, as a fraction of its longer side. */
    public static final double DEFAULT_MARGIN = 0.0;

    private final TinyFaceDetector faceDetector;
    private final LandmarkNet landmarkNet;
    private final double margin;

    /** Bundled weights: tiny face detector at 416, full 68-point net, default margin. */
    public FaceApiLandmarkDetector() {
        this(new TinyFaceDetector(), LandmarkNet.standard(), DEFAULT_MARGIN);
    }

    /** {@code face-api:margin=…} (the landmark net's variant is not part of it: the bundled standard net is meant). */
    @Override
    public String description() {
        return "face-api:margin=" + margin;
    }

    /**
     * @param faceDetector the box detector
     * @param landmarkNet  the 68-point net ({@link LandmarkNet#standard()} or {@link LandmarkNet#tiny()})
     * @param margin       extra crop around the box, fraction of its longer side, in [0, 1]
     */
    public FaceApiLandmarkDetector(TinyFaceDetector faceDetector, LandmarkNet landmarkNet, double margin) {
        this.faceDetector = Objects.requireNonNull(faceDetector, "faceDetector");
        this.landmarkNet = Objects.requireNonNull(landmarkNet, "landmarkNet");
        if (!(margin >= 0 && margin <= 1)) {
            throw new IllegalArgumentException("crop margin must lie in [0, 1], got " + margin);
        }
        this.margin = margin;
    }

    @Override
    public List<DetectedFace> detect(RgbImage image) {
        Objects.requireNonNull(image, "image");
        List<FaceDetection> boxes = faceDetector.detect(image);
        List<DetectedFace> faces = new ArrayList<>(boxes.size());
        for (FaceDetection d : boxes) {
            faces.add(new DetectedFace(d.box(), d.score(), landmarksIn(image, d.box())));
        }
        LOG.debug("{} face(s) found in {}x{} image", faces.size(), image.width(), image.height());
        return faces;
    }

    /**
     * Runs only the landmark net, on a box known from elsewhere.
     *
     * @param image the photo
     * @param box   the face's box, image pixels
     * @return the 68 points
     */
    public Landmarks landmarksIn(RgbImage image, FaceBox box) {
        double side = Math.max(box.width(), box.height()) * (1 + margin);
        return landmarkNet.predict(image, box.centerX() - side / 2, box.centerY() - side / 2, side);
    }
}
