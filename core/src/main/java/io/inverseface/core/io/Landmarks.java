package io.inverseface.core.io;

import java.util.Arrays;

/**
 * The 68 iBUG facial landmarks of one face, in image pixels, immutable.
 *
 * <p>Coordinate convention (used everywhere in inverseface): {@code (0, 0)} is the top-left corner of
 * the top-left pixel, x to the right, y down, so the centre of pixel {@code (i, j)} is
 * {@code (i + 0.5, j + 0.5)}. The iBUG/300-W {@code .pts} files use 1-based pixel centres instead;
 * {@link LandmarksReader} and {@link LandmarksWriter} convert.
 *
 * @param coordinates interleaved {@code x0, y0, x1, y1, ...}, 136 finite values (copied on the way in
 *                    and out)
 */
public record Landmarks(double[] coordinates) {

    /** Number of points in the iBUG markup. */
    public static final int COUNT = 68;

    /** Index of the image-left eye's outer corner. */
    public static final int LEFT_EYE_OUTER = 36;
    /** Index of the image-right eye's outer corner. */
    public static final int RIGHT_EYE_OUTER = 45;

    /**
     * @throws InvalidLandmarksException when there are not 68 points or a coordinate is NaN/infinite
     */
    public Landmarks {
        if (coordinates == null) {
            throw new InvalidLandmarksException("landmarks are missing (null)");
        }
        if (coordinates.length != 2 * COUNT) {
            throw new InvalidLandmarksException("expected " + COUNT + " landmarks (iBUG 68-point markup), got "
                    + (coordinates.length % 2 == 0 ? String.valueOf(coordinates.length / 2)
                    : coordinates.length + " coordinates"));
        }
        coordinates = coordinates.clone();
        for (int i = 0; i < coordinates.length; i++) {
            if (!Double.isFinite(coordinates[i])) {
                throw new InvalidLandmarksException("landmark " + (i / 2) + " has a non-finite "
                        + (i % 2 == 0 ? "x" : "y") + " coordinate: " + coordinates[i]);
            }
        }
    }

    /**
     * @param points 68 rows of {@code {x, y}}
     * @return the landmarks
     * @throws InvalidLandmarksException when the count or shape is wrong or a value is not finite
     */
    public static Landmarks of(double[][] points) {
        if (points == null) {
            throw new InvalidLandmarksException("landmarks are missing (null)");
        }
        if (points.length != COUNT) {
            throw new InvalidLandmarksException("expected " + COUNT + " landmarks (iBUG 68-point markup), got "
                    + points.length);
        }
        double[] xy = new double[2 * COUNT];
        for (int i = 0; i < COUNT; i++) {
            if (points[i] == null || points[i].length != 2) {
                throw new InvalidLandmarksException("landmark " + i + " must have exactly 2 coordinates (x, y)");
            }
            xy[2 * i] = points[i][0];
            xy[2 * i + 1] = points[i][1];
        }
        return new Landmarks(xy);
    }

    /** @return a copy of the interleaved coordinates */
    @Override
    public double[] coordinates() {
        return coordinates.clone();
    }

    /**
     * @param index 0–67
     * @return x of that landmark, pixels
     */
    public double x(int index) {
        return coordinates[2 * checkIndex(index)];
    }

    /**
     * @param index 0–67
     * @return y of that landmark, pixels
     */
    public double y(int index) {
        return coordinates[2 * checkIndex(index) + 1];
    }

    /**
     * @param index 0–67
     * @return {@code {x, y}} of that landmark (a fresh array)
     */
    public double[] point(int index) {
        return new double[] {x(index), y(index)};
    }

    /** @return the points as 68 rows of {@code {x, y}} (fresh arrays) */
    public double[][] toArray() {
        double[][] out = new double[COUNT][];
        for (int i = 0; i < COUNT; i++) {
            out[i] = point(i);
        }
        return out;
    }

    /**
     * Distance between the two <em>outer</em> eye corners, landmarks 36 and 45 — the 300-W
     * normalisation convention; it measures the scale of the face in the image.
     *
     * @return the distance in pixels
     */
    public double interOcularDistance() {
        return Math.hypot(x(RIGHT_EYE_OUTER) - x(LEFT_EYE_OUTER), y(RIGHT_EYE_OUTER) - y(LEFT_EYE_OUTER));
    }

    /**
     * @param group a facial region
     * @return {@code {x, y}} mean of its points
     */
    public double[] centroid(LandmarkGroup group) {
        double sx = 0;
        double sy = 0;
        for (int i = group.first(); i <= group.last(); i++) {
            sx += coordinates[2 * i];
            sy += coordinates[2 * i + 1];
        }
        return new double[] {sx / group.size(), sy / group.size()};
    }

    private static int checkIndex(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IndexOutOfBoundsException("landmark index " + index + " is outside 0.." + (COUNT - 1));
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks other && Arrays.equals(coordinates, other.coordinates);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coordinates);
    }

    @Override
    public String toString() {
        return "Landmarks[68 points, inter-ocular " + String.format(java.util.Locale.ROOT, "%.1f", interOcularDistance())
                + " px]";
    }
}
