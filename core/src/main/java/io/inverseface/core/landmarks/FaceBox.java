package io.inverseface.core.landmarks;

/**
 * An axis-aligned face box in image pixels (pixel-corner convention: {@code (0, 0)} is the top-left
 * corner of the top-left pixel, like {@link io.inverseface.core.io.Landmarks}).
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  &gt;= 0
 * @param height &gt;= 0
 */
public record FaceBox(double x, double y, double width, double height) {

    /** Checks that the box is finite and not inverted. */
    public FaceBox {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)
                || width < 0 || height < 0) {
            throw new IllegalArgumentException("invalid face box " + x + "," + y + " " + width + "x" + height);
        }
    }

    /** @return right edge */
    public double right() {
        return x + width;
    }

    /** @return bottom edge */
    public double bottom() {
        return y + height;
    }

    /** @return width × height */
    public double area() {
        return width * height;
    }

    /** @return centre x */
    public double centerX() {
        return x + width / 2;
    }

    /** @return centre y */
    public double centerY() {
        return y + height / 2;
    }

    /** @return whether the point lies inside or on the border */
    public boolean contains(double px, double py) {
        return px >= x && px <= right() && py >= y && py <= bottom();
    }

    /** @return intersection over union with {@code other}, 0 when either is empty */
    public double iou(FaceBox other) {
        double iw = Math.max(0, Math.min(right(), other.right()) - Math.max(x, other.x));
        double ih = Math.max(0, Math.min(bottom(), other.bottom()) - Math.max(y, other.y));
        double inter = iw * ih;
        double union = area() + other.area() - inter;
        return union > 0 ? inter / union : 0;
    }
}
