package io.inverseface.core.landmarks;

import io.inverseface.core.io.Landmarks;

/**
 * A 68-point face's own 2D frame: x along its outer eye corners 36 → 45, y perpendicular (image-down for
 * an upright face), in units of their distance d. Offsets measured in this frame on one face carry over to
 * another at any size and in-plane turn; {@link PointCalibration} applies them in it, and the benchmark
 * that measures them uses it too, so both read the same convention.
 *
 * @param eyeX x of the eye vector p45 − p36, pixels
 * @param eyeY y of the eye vector, pixels
 */
public record FaceFrame(double eyeX, double eyeY) {

    /**
     * @param interleaved 68 points, {@code x0, y0, ...}
     * @return their frame
     */
    public static FaceFrame of(double[] interleaved) {
        int r = 2 * Landmarks.RIGHT_EYE_OUTER, l = 2 * Landmarks.LEFT_EYE_OUTER;
        return new FaceFrame(interleaved[r] - interleaved[l], interleaved[r + 1] - interleaved[l + 1]);
    }

    /** @return a pixel offset in frame units: {@code R(−θ)·v / d} */
    public double[] toFrame(double dx, double dy) {
        double d2 = eyeX * eyeX + eyeY * eyeY;
        return new double[] {(eyeX * dx + eyeY * dy) / d2, (-eyeY * dx + eyeX * dy) / d2};
    }

    /** @return a frame offset in pixels: {@code d·R(θ)·b} */
    public double[] toPixels(double bx, double by) {
        return new double[] {eyeX * bx - eyeY * by, eyeY * bx + eyeX * by};
    }
}
