package io.inverseface.core.landmarks;

import io.inverseface.core.Futures;
import io.inverseface.core.io.LandmarkGroup;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * face-api and MediaPipe together: every face that either finds, and where both find the same
 * face, each point group taken from the source that measures better on the photo benchmark
 * (BENCHMARKS.md, "Landmarks: MediaPipe port"), or the mean of both.
 *
 * <p>Two detections are the same face when each box holds the centroid of the other's 68 points.
 * A face only one detector finds keeps that detector's points. The reported box and score are the
 * MediaPipe ones when it has the face.
 *
 * <p>Thread-safe when both detectors are.
 */
public final class CombinedLandmarkDetector implements LandmarkDetector {

    /** Where a point group comes from when both detectors have the face. */
    public enum Source {
        /** face-api's 68-point net */
        FACE_API,
        /** the MediaPipe mesh through {@link MeshTo68} */
        MESH,
        /** the mean of the two */
        MEAN
    }

    private final FaceApiLandmarkDetector faceApi;
    private final MediaPipeLandmarkDetector mediaPipe;
    private final Map<LandmarkGroup, Source> sources;

    /**
     * With the measured default choice: brows the mean of both, the rest from the mesh.
     *
     * @param faceApi   face-api's detector and landmark net
     * @param mediaPipe BlazeFace and the face mesh
     */
    public CombinedLandmarkDetector(FaceApiLandmarkDetector faceApi, MediaPipeLandmarkDetector mediaPipe) {
        this(faceApi, mediaPipe, defaultSources());
    }

    /**
     * @param faceApi   face-api's detector and landmark net
     * @param mediaPipe BlazeFace and the face mesh
     * @param sources   the source of each point group (all five groups)
     */
    public CombinedLandmarkDetector(FaceApiLandmarkDetector faceApi, MediaPipeLandmarkDetector mediaPipe,
                                    Map<LandmarkGroup, Source> sources) {
        this.faceApi = Objects.requireNonNull(faceApi, "faceApi");
        this.mediaPipe = Objects.requireNonNull(mediaPipe, "mediaPipe");
        this.sources = new EnumMap<>(sources);
        for (LandmarkGroup g : LandmarkGroup.values()) {
            if (!this.sources.containsKey(g)) {
                throw new IllegalArgumentException("no source given for point group " + g);
            }
        }
    }

    /** {@code combined:jaw=…,…} with every group's source and the mesh detector's settings. */
    @Override
    public String description() {
        StringBuilder sb = new StringBuilder("combined:");
        for (Map.Entry<LandmarkGroup, Source> e : sources.entrySet()) {
            sb.append(e.getKey().name().toLowerCase(java.util.Locale.ROOT)).append('=')
                    .append(e.getValue().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).append(',');
        }
        return sb.append(mediaPipe.description().substring("mediapipe:".length())).toString();
    }

    /**
     * @return the measured default: brows {@link Source#MEAN}, the rest {@link Source#MESH} (the jaw too, since it
     *     follows the mesh's outline: 7.6 % of the eye distance on the photos against face-api's 9.1 %)
     */
    public static Map<LandmarkGroup, Source> defaultSources() {
        Map<LandmarkGroup, Source> m = new EnumMap<>(LandmarkGroup.class);
        for (LandmarkGroup g : LandmarkGroup.values()) {
            m.put(g, Source.MESH);
        }
        m.put(LandmarkGroup.BROWS, Source.MEAN);
        return m;
    }

    @Override
    public List<DetectedFace> detect(RgbImage image) {
        // The two nets side by side (2026-12-03: 211 → 192 ms a photo on 2 cores): each is mostly
        // single-threaded between its larger layers.
        java.util.concurrent.CompletableFuture<List<DetectedFace>> api =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> faceApi.detect(image));
        List<DetectedFace> meshes = mediaPipe.detect(image);
        List<DetectedFace> others = new ArrayList<>(Futures.join(api));
        List<DetectedFace> out = new ArrayList<>();
        for (DetectedFace m : meshes) {
            DetectedFace match = null;
            for (DetectedFace f : others) {
                if (sameFace(m, f)) {
                    match = f;
                    break;
                }
            }
            if (match == null) {
                out.add(m);
            } else {
                others.remove(match);
                out.add(new DetectedFace(m.box(), m.score(), merge(m.landmarks(), match.landmarks())));
            }
        }
        out.addAll(others);
        out.sort(Comparator.comparingDouble((DetectedFace f) -> f.box().area()).reversed());
        return out;
    }

    private static boolean sameFace(DetectedFace a, DetectedFace b) {
        double[] ca = centroid(a.landmarks());
        double[] cb = centroid(b.landmarks());
        return a.box().contains(cb[0], cb[1]) && b.box().contains(ca[0], ca[1]);
    }

    private static double[] centroid(Landmarks l) {
        double x = 0;
        double y = 0;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            x += l.x(i);
            y += l.y(i);
        }
        return new double[] {x / Landmarks.COUNT, y / Landmarks.COUNT};
    }

    private Landmarks merge(Landmarks mesh, Landmarks api) {
        double[] m = mesh.coordinates();
        double[] a = api.coordinates();
        double[] out = new double[m.length];
        for (LandmarkGroup g : LandmarkGroup.values()) {
            Source s = sources.get(g);
            for (int i = 2 * g.first(); i < 2 * (g.last() + 1); i++) {
                out[i] = switch (s) {
                    case MESH -> m[i];
                    case FACE_API -> a[i];
                    case MEAN -> 0.5 * (m[i] + a[i]);
                };
            }
        }
        return new Landmarks(out);
    }
}
