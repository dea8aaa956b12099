package io.inverseface.core.landmarks;

/**
 * One face found by BlazeFace.
 *
 * @param box       the face box, image pixels (not clipped to the image)
 * @param score     detector confidence in [0, 1]
 * @param keypoints six points, image pixels, as {@code x0, y0, x1, y1, ...}: the subject's right eye,
 *                  left eye, nose tip, mouth centre, right ear tragion, left ear tragion
 */
public record BlazeFaceDetection(FaceBox box, double score, double[] keypoints) {

    /** Number of keypoints. */
    public static final int KEYPOINTS = 6;

    /** Checks the keypoint count. */
    public BlazeFaceDetection {
        if (keypoints.length != 2 * KEYPOINTS) {
            throw new IllegalArgumentException("BlazeFace gives " + KEYPOINTS + " keypoints, got " + keypoints.length / 2);
        }
        keypoints = keypoints.clone();
    }

    @Override
    public double[] keypoints() {
        return keypoints.clone();
    }

    /** @return x of keypoint {@code k} */
    public double keypointX(int k) {
        return keypoints[2 * k];
    }

    /** @return y of keypoint {@code k} */
    public double keypointY(int k) {
        return keypoints[2 * k + 1];
    }
}
