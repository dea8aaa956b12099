package io.inverseface.core.landmarks;

import io.inverseface.core.io.Landmarks;
import java.util.Objects;

/**
 * A face found in a photo, with its 68 iBUG landmarks.
 *
 * @param box       the detector's box, image pixels
 * @param score     detector confidence in [0, 1]
 * @param landmarks the 68 points, image pixels (pixel-corner convention)
 */
public record DetectedFace(FaceBox box, double score, Landmarks landmarks) {

    /** Rejects missing parts. */
    public DetectedFace {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(landmarks, "landmarks");
    }
}
