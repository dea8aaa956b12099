package io.inverseface.core.landmarks;

import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LandmarkDetector} on MediaPipe's networks, in pure Java: BlazeFace finds the faces, the
 * face mesh places 468 points on a crop around each, and the 68 iBUG points are read off the mesh
 * ({@link MeshTo68}).
 *
 * <p>The crop follows MediaPipe's face landmark graph: a square of {@code roiScale ×} the longer
 * side of the detector box, centred on it, turned so that the eyes (detector keypoints 0 and 1) lie
 * level. With {@code refinements > 0} the crop is then rebuilt from the mesh itself (its extent in
 * the turned frame, the line through the outer eye corners 33 and 263) and the mesh run again, as
 * MediaPipe does from one video frame to the next. With {@code mirrorAverage} the mesh also runs on
 * the final crop flipped left to right, and the 68 points are the mean of both (the 468 mesh points
 * reported are the direct ones). With {@code calibrate} the 68 points lose the mesh's measured offset from the
 * 300-W annotators' convention ({@link PointCalibration}; off by default). With {@code tiledFallback}, a photo in which the whole-photo pass
 * finds nothing is searched again in overlapping half-size windows, for small faces. Faces whose mesh
 * score is below {@code minMeshScore} are dropped (false detections, e.g. on text).
 *
 * <p>Thread-safe; construct once and share.
 */
public final class MediaPipeLandmarkDetector implements LandmarkDetector {

    private static final Logger LOG = LoggerFactory.getLogger(MediaPipeLandmarkDetector.class);

    private static final int RIGHT_EYE_OUTER = 33;
    private static final int LEFT_EYE_OUTER = 263;

    private final BlazeFaceDetector detector;
    private final FaceMesh mesh;
    private final double roiScale;
    private final int refinements;
    private final boolean mirrorAverage;
    private final boolean calibrate;
    private final boolean tiledFallback;
    private final double minMeshScore;
    /** The BlazeFace score threshold, or NaN for a detector given to the builder. */
    private final double minDetectionScore;

    private MediaPipeLandmarkDetector(Builder b) {
        this.detector = b.detector != null ? b.detector : new BlazeFaceDetector(b.minDetectionScore);
        this.mesh = b.mesh != null ? b.mesh : new FaceMesh();
        this.roiScale = b.roiScale;
        this.refinements = b.refinements;
        this.mirrorAverage = b.mirrorAverage;
        this.calibrate = b.calibrate;
        this.tiledFallback = b.tiledFallback;
        this.minMeshScore = b.minMeshScore;
        this.minDetectionScore = b.detector != null ? Double.NaN : b.minDetectionScore;
    }

    /** {@code mediapipe:refine=…,mirror=…,calibrate=…,tiles=…,scale=…,meshScore=…,detScore=…}, in {@link LandmarkDetectors#byName} form. */
    @Override
    public String description() {
        return String.format(java.util.Locale.ROOT, "mediapipe:refine=%d,mirror=%b,calibrate=%b,tiles=%b,scale=%s,meshScore=%s,detScore=%s",
                refinements, mirrorAverage, calibrate, tiledFallback, roiScale, minMeshScore,
                Double.isNaN(minDetectionScore) ? "custom" : String.valueOf(minDetectionScore));
    }

    /** The bundled weights, default settings. */
    public MediaPipeLandmarkDetector() {
        this(builder());
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<DetectedFace> detect(RgbImage image) {
        return detectMeshes(image).stream().map(MeshFace::toDetectedFace).toList();
    }

    /**
     * @param image the photo
     * @return every face with its mesh, largest box first
     */
    public List<MeshFace> detectMeshes(RgbImage image) {
        Objects.requireNonNull(image, "image");
        List<MeshFace> faces = meshes(image, detector.detect(image));
        if (faces.isEmpty() && tiledFallback
                && Math.max(image.width(), image.height()) >= 2 * BlazeFaceDetector.INPUT_SIZE) {
            // Nothing the mesh accepts (small faces are missed, or scored as a larger false box): look closer.
            faces = meshes(image, detector.detectTiled(image));
            LOG.debug("no face in the whole photo; {} in its tiles", faces.size());
        }
        faces.sort(Comparator.comparingDouble((MeshFace f) -> f.detection().box().area()).reversed());
        LOG.debug("{} face(s) found in {}x{} image", faces.size(), image.width(), image.height());
        return faces;
    }

    private List<MeshFace> meshes(RgbImage image, List<BlazeFaceDetection> detections) {
        List<MeshFace> faces = new ArrayList<>();
        for (BlazeFaceDetection d : detections) {
            MeshFace f = meshFor(image, d);
            if (f.mesh().score() >= minMeshScore) {
                faces.add(f);
            }
        }
        return faces;
    }

    /**
     * Runs the mesh on one detection (from BlazeFace or elsewhere).
     *
     * @param image the photo
     * @param d     the detection; its keypoints 0 and 1 set the crop's turn
     * @return the face
     */
    public MeshFace meshFor(RgbImage image, BlazeFaceDetection d) {
        double angle = Math.atan2(d.keypointY(1) - d.keypointY(0), d.keypointX(1) - d.keypointX(0));
        FaceBox box = d.box();
        RotatedSquare roi = new RotatedSquare(box.centerX(), box.centerY(),
                Math.max(box.width(), box.height()) * roiScale, angle);
        FaceMesh.Result result = mesh.predict(image, roi);
        for (int pass = 0; pass < refinements; pass++) {
            roi = roiFromMesh(result, roiScale);
            result = mesh.predict(image, roi);
        }
        Landmarks points = MeshTo68.convert(result);
        if (mirrorAverage) {
            points = MirroredLandmarks.mean(points, MeshTo68.convert(mesh.predict(image, roi, true)));
        }
        if (calibrate) {
            points = PointCalibration.mesh().apply(points);
        }
        return new MeshFace(d, roi, result, points);
    }

    /**
     * Runs only the mesh, on a box known from elsewhere (another detector), without a turn.
     *
     * @param image the photo
     * @param box   the face box
     * @return the mesh (after the refinement passes)
     */
    public FaceMesh.Result meshInBox(RgbImage image, FaceBox box) {
        RotatedSquare roi = new RotatedSquare(box.centerX(), box.centerY(),
                Math.max(box.width(), box.height()) * roiScale, 0);
        FaceMesh.Result result = mesh.predict(image, roi);
        for (int pass = 0; pass < refinements; pass++) {
            roi = roiFromMesh(result, roiScale);
            result = mesh.predict(image, roi);
        }
        return result;
    }

    /** The crop MediaPipe derives from a mesh: extent in the eye-level frame, scaled, squared. */
    static RotatedSquare roiFromMesh(FaceMesh.Result m, double scale) {
        double angle = Math.atan2(m.y(LEFT_EYE_OUTER) - m.y(RIGHT_EYE_OUTER), m.x(LEFT_EYE_OUTER) - m.x(RIGHT_EYE_OUTER));
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double minU = Double.MAX_VALUE, maxU = -Double.MAX_VALUE, minV = Double.MAX_VALUE, maxV = -Double.MAX_VALUE;
        for (int i = 0; i < FaceMesh.POINTS; i++) {
            double u = c * m.x(i) + s * m.y(i);
            double v = -s * m.x(i) + c * m.y(i);
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        double cu = (minU + maxU) / 2;
        double cv = (minV + maxV) / 2;
        double side = Math.max(maxU - minU, maxV - minV) * scale;
        return new RotatedSquare(c * cu - s * cv, s * cu + c * cv, side, angle);
    }

    /** Settings of a {@link MediaPipeLandmarkDetector}. */
    public static final class Builder {
        private double minDetectionScore = BlazeFaceDetector.DEFAULT_MIN_SCORE;
        private double minMeshScore = 0.5;
        private double roiScale = 1.5;
        private int refinements = 1;
        private boolean mirrorAverage = true;
        private boolean calibrate = false;
        private boolean tiledFallback = true;
        private BlazeFaceDetector detector;
        private FaceMesh mesh;

        private Builder() {
        }

        /** @param v minimum BlazeFace score, in (0, 1); default 0.5 */
        public Builder minDetectionScore(double v) {
            if (!(v > 0 && v < 1)) {
                throw new IllegalArgumentException("minimum detection score must lie in (0, 1), got " + v);
            }
            this.minDetectionScore = v;
            return this;
        }

        /** @param v minimum mesh face score, in [0, 1); default 0.5 */
        public Builder minMeshScore(double v) {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException("minimum mesh score must lie in [0, 1), got " + v);
            }
            this.minMeshScore = v;
            return this;
        }

        /** @param v crop side over the longer box side; default 1.5 (MediaPipe) */
        public Builder roiScale(double v) {
            if (!(v >= 1 && v <= 3)) {
                throw new IllegalArgumentException("crop scale must lie in [1, 3], got " + v);
            }
            this.roiScale = v;
            return this;
        }

        /** @param v extra mesh passes on the crop rebuilt from the previous mesh; default 1 */
        public Builder refinements(int v) {
            if (v < 0 || v > 5) {
                throw new IllegalArgumentException("refinements must lie in [0, 5], got " + v);
            }
            this.refinements = v;
            return this;
        }

        /**
         * @param v also run the mesh on the final crop flipped left to right and report the mean of the two sets of
         *          68 points (one more mesh pass, ≈ 35 ms; the two errors are partly independent, so the mean is
         *          nearer the truth than either); default true
         */
        public Builder mirrorAverage(boolean v) {
            this.mirrorAverage = v;
            return this;
        }

        /**
         * @param v take the mesh's measured offset from the 300-W annotators' convention out of its 68 points
         *          ({@link PointCalibration#mesh}): nearer their annotations in 2D, further from the shape when
         *          fitted, so for landmark output rather than reconstruction; default false
         */
        public Builder calibrate(boolean v) {
            this.calibrate = v;
            return this;
        }

        /**
         * @param v when the whole-photo pass finds no face the mesh accepts in a photo of 512 px or more, look again in nine
         *          half-size windows ({@link BlazeFaceDetector#detectTiled}: small faces); default true
         */
        public Builder tiledFallback(boolean v) {
            this.tiledFallback = v;
            return this;
        }

        /** @param d a shared detector (its own threshold applies) */
        public Builder detector(BlazeFaceDetector d) {
            this.detector = Objects.requireNonNull(d, "detector");
            return this;
        }

        /** @param m a shared mesh net */
        public Builder mesh(FaceMesh m) {
            this.mesh = Objects.requireNonNull(m, "mesh");
            return this;
        }

        /** @return the detector */
        public MediaPipeLandmarkDetector build() {
            return new MediaPipeLandmarkDetector(this);
        }
    }
}
