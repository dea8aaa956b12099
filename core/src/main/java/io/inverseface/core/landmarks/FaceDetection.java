package io.inverseface.core.landmarks;

/**
 * One face found by a detector, before landmarks.
 *
 * @param box   where, in image pixels
 * @param score detector confidence in [0, 1]
 */
public record FaceDetection(FaceBox box, double score) {
}
