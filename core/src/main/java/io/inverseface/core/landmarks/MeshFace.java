package io.inverseface.core.landmarks;

import io.inverseface.core.io.Landmarks;
import java.util.Objects;

/**
 * A face found by the MediaPipe path, with everything it measured.
 *
 * @param detection   the BlazeFace box, score and six keypoints
 * @param crop        the crop the final mesh was run on
 * @param mesh        the 468 mesh points (image pixels) and the mesh's face score
 * @param landmarks   the 68 iBUG points derived from the mesh ({@link MeshTo68})
 */
public record MeshFace(BlazeFaceDetection detection, RotatedSquare crop, FaceMesh.Result mesh, Landmarks landmarks) {

    /** Rejects missing parts. */
    public MeshFace {
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(landmarks, "landmarks");
    }

    /** @return the face as the {@link LandmarkDetector} API reports it: detector box, detector score */
    public DetectedFace toDetectedFace() {
        return new DetectedFace(detection.box(), detection.score(), landmarks);
    }
}
