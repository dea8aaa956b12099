package io.inverseface.core.landmarks;

import io.inverseface.render.RgbImage;
import io.inverseface.core.landmarks.graph.GraphModel;
import io.inverseface.core.landmarks.graph.Tensor;
import io.inverseface.data.weights.MediaPipeModel;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe's face mesh: 468 points (x, y, z) and a face score from a 192×192 crop, values in
 * [0, 1]. The net's coordinates are crop pixels; they are mapped back through the crop's
 * {@link RotatedSquare} into image pixels without rounding. z is scaled like x and y (relative
 * depth, image pixels, smaller is nearer).
 *
 * <p>Thread-safe.
 */
public final class FaceMesh {

    /** Network input size. */
    public static final int INPUT_SIZE = 192;
    /** Number of mesh points. */
    public static final int POINTS = 468;

    private final GraphModel graph;

    /** The bundled weights. */
    public FaceMesh() {
        this.graph = MediaPipeGraphs.load(MediaPipeModel.FACE_MESH);
    }

    /** The mesh of one crop. */
    public record Result(double[] points, double score) {

        /** @return x of point {@code i}, image pixels */
        public double x(int i) {
            return points[3 * i];
        }

        /** @return y of point {@code i}, image pixels */
        public double y(int i) {
            return points[3 * i + 1];
        }

        /** @return z of point {@code i}, image pixels (relative) */
        public double z(int i) {
            return points[3 * i + 2];
        }
    }

    /**
     * @param image the photo
     * @param roi   the face crop
     * @return the 468 points in image pixels ({@code x, y, z} interleaved) and the face score in [0, 1]
     */
    public Result predict(RgbImage image, RotatedSquare roi) {
        return predict(image, roi, false);
    }

    /**
     * @param image    the photo
     * @param roi      the face crop
     * @param mirrored run the net on the crop flipped left to right ({@code u → 1 − u}); the points come
     *                 back in image pixels, but each mesh index then names its mirror-image anatomical point
     * @return the 468 points in image pixels ({@code x, y, z} interleaved) and the face score in [0, 1]
     */
    public Result predict(RgbImage image, RotatedSquare roi, boolean mirrored) {
        float[][] planes = RotatedCropSampler.sample(image, roi, INPUT_SIZE);
        if (mirrored) {
            for (float[] plane : planes) {
                flipRows(plane, INPUT_SIZE);
            }
        }
        int n = INPUT_SIZE * INPUT_SIZE;
        float[] nhwc = new float[3 * n];
        for (int i = 0; i < n; i++) {
            nhwc[3 * i] = planes[0][i];
            nhwc[3 * i + 1] = planes[1][i];
            nhwc[3 * i + 2] = planes[2][i];
        }
        Map<String, Tensor> out = graph.run(Map.of("input_1", new Tensor(new int[] {1, INPUT_SIZE, INPUT_SIZE, 3}, nhwc)),
                List.of("Identity_2", "Identity_1"));
        float[] mesh = out.get("Identity_2").data();
        if (mesh.length != 3 * POINTS) {
            throw new LandmarkModelException("facemesh: " + mesh.length + " mesh values, expected " + 3 * POINTS);
        }
        double[] points = new double[3 * POINTS];
        for (int i = 0; i < POINTS; i++) {
            double u = mirrored ? 1 - mesh[3 * i] / INPUT_SIZE : mesh[3 * i] / INPUT_SIZE;
            double v = mesh[3 * i + 1] / INPUT_SIZE;
            points[3 * i] = roi.imageX(u, v);
            points[3 * i + 1] = roi.imageY(u, v);
            points[3 * i + 2] = mesh[3 * i + 2] / INPUT_SIZE * roi.side();
        }
        return new Result(points, out.get("Identity_1").data()[0]);
    }

    private static void flipRows(float[] plane, int n) {
        for (int row = 0; row < n; row++) {
            for (int i = row * n, j = row * n + n - 1; i < j; i++, j--) {
                float t = plane[i];
                plane[i] = plane[j];
                plane[j] = t;
            }
        }
    }
}
