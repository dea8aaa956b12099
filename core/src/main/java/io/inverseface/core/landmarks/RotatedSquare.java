package io.inverseface.core.landmarks;

/**
 * A square region of a photo turned by {@code angle} (radians, clockwise on screen since y points
 * down): the crop that the face mesh sees. Crop coordinates {@code (u, v)} in {@code [0, 1]²} map
 * to the image point {@code centre + side * ((u - ½) * ex + (v - ½) * ey)}, with
 * {@code ex = (cos, sin)} and {@code ey = (-sin, cos)}.
 *
 * @param centerX centre, image pixels
 * @param centerY centre, image pixels
 * @param side    side length, image pixels, &gt; 0
 * @param angle   rotation of the crop's x axis from the image's, radians
 */
public record RotatedSquare(double centerX, double centerY, double side, double angle) {

    /** Rejects non-finite or empty squares. */
    public RotatedSquare {
        if (!Double.isFinite(centerX) || !Double.isFinite(centerY) || !Double.isFinite(angle)
                || !(side > 0) || !Double.isFinite(side)) {
            throw new IllegalArgumentException("invalid crop square " + centerX + "," + centerY + " side " + side
                    + " angle " + angle);
        }
    }

    /** @return image x of the crop point {@code (u, v)} (unit square coordinates) */
    public double imageX(double u, double v) {
        return centerX + side * ((u - 0.5) * Math.cos(angle) - (v - 0.5) * Math.sin(angle));
    }

    /** @return image y of the crop point {@code (u, v)} (unit square coordinates) */
    public double imageY(double u, double v) {
        return centerY + side * ((u - 0.5) * Math.sin(angle) + (v - 0.5) * Math.cos(angle));
    }

    /** @return the axis-aligned box around the turned square */
    public FaceBox bounds() {
        double half = side * (Math.abs(Math.cos(angle)) + Math.abs(Math.sin(angle))) / 2;
        return new FaceBox(centerX - half, centerY - half, 2 * half, 2 * half);
    }
}
