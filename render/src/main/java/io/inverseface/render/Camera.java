package io.inverseface.render;

/**
 * Maps world points to pixels. Conventions shared by all cameras:
 * <ul>
 *   <li>World axes: x to the subject's left (viewer's right), y up, z towards the viewer.</li>
 *   <li>Pixel coordinates: (0, 0) is the top-left corner of the top-left pixel, x grows to the right,
 *       y grows downwards, and the centre of pixel (i, j) is at (i + 0.5, j + 0.5).</li>
 *   <li>Depth: a scalar per point that is smaller for nearer points (for the pinhole camera it is the
 *       distance along the viewing axis, −z in view coordinates).</li>
 * </ul>
 * Implementations are immutable and thread-safe; all per-point methods are allocation-free.
 */
public interface Camera {
    /** Image width in pixels. */
    int width();

    /** Image height in pixels. */
    int height();

    /** The model pose this camera applies before projecting. */
    Pose pose();

    /** This camera with another pose (same intrinsics and image size). */
    Camera withPose(Pose pose);

    /** True when depth varies along a triangle non-linearly in screen space (perspective division). */
    boolean perspective();

    /**
     * Triangles with any vertex whose depth is below this are dropped by the rasterizer
     * ({@code -Infinity} for cameras without a near plane).
     */
    double nearDepth();

    /** Projects world point (x, y, z) to (pixel x, pixel y, depth) at {@code out[offset..offset+2]}. */
    void project(double x, double y, double z, float[] out, int offset);

    /** Projects {@code worldXyz[0..2]} to {@code screenXyzOut[0..2]} = (pixel x, pixel y, depth). */
    default void project(float[] worldXyz, float[] screenXyzOut) {
        project(worldXyz[0], worldXyz[1], worldXyz[2], screenXyzOut, 0);
    }

    /** Projects every vertex of an interleaved xyz array into {@code screenOut} (same length). */
    default void projectAll(float[] positions, float[] screenOut) {
        if (screenOut.length < positions.length) {
            throw new IllegalArgumentException("screen buffer length " + screenOut.length + " < " + positions.length);
        }
        for (int i = 0; i < positions.length; i += 3) {
            project(positions[i], positions[i + 1], positions[i + 2], screenOut, i);
        }
    }

    /** Inverse of {@link #project}: the world point at pixel (px, py) with the given depth, into {@code worldOut[0..2]}. */
    void unproject(double px, double py, double depth, double[] worldOut);

    /** d(pixel x, pixel y)/d(world x, y, z) at a world point, row-major 2×3 into {@code out[6]}. */
    void pointJacobian(double x, double y, double z, double[] out);

    /**
     * d(pixel x, pixel y)/d(pose parameters) at a world point, row-major 2×{@link Pose#PARAMETER_COUNT}
     * into {@code out[14]}, columns in {@link Pose} order (pitch, yaw, roll, tx, ty, tz, scale).
     */
    void poseJacobian(double x, double y, double z, double[] out);

    /** Rotates a world direction (e.g. a normal) into the view frame: {@code out = R·(x, y, z)}. */
    void rotateToView(double x, double y, double z, double[] out);
}
