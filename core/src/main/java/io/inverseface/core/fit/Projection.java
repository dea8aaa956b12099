package io.inverseface.core.fit;

import io.inverseface.render.Camera;
import io.inverseface.render.PinholeCamera;
import io.inverseface.render.Pose;
import io.inverseface.render.WeakPerspectiveCamera;

/**
 * How the fit maps the rotated model onto the photo: a pinhole camera of focal length {@code f}
 * (full-resolution pixels) and principal point {@code (cx, cy)}, written in the weak-perspective pose
 * block's own terms so that {@code f → ∞} is exactly the weak-perspective camera. With {@code q = R·p}
 * (model frame, millimetres, z towards the viewer) and the pose's {@code (tx, ty, s)}:
 * <pre>
 *   a = tx + s·q_x − cx,  b = ty − s·q_y − cy,  k = 1 / (1 − s·q_z / f)
 *   u = cx + k·a,         v = cy + k·b
 * </pre>
 * That is a pinhole at distance {@code D = f/s} from the model origin, which sits where the weak
 * perspective put it ({@code u = tx + s·q_x} at {@code q_z = 0}): a point {@code q_z} millimetres nearer
 * is magnified by {@code D/(D − q_z)}. At the distances people photograph faces from (0.3–1.5 m) that
 * is 3–15 % between the nose tip and the ears, which a weak-perspective fit can only absorb as a wrong
 * shape. Derivatives: {@code ∂k/∂θ = k²·(q_z·∂s/∂θ + s·∂q_z/∂θ)/f}.
 *
 * @param inverseFocal {@code 1/f} in 1/pixels; 0 for weak perspective
 * @param cx           principal point x, full-resolution pixels
 * @param cy           principal point y, full-resolution pixels
 */
public record Projection(double inverseFocal, double cx, double cy) {

    public Projection {
        if (!(inverseFocal >= 0) || !Double.isFinite(inverseFocal) || !Double.isFinite(cx) || !Double.isFinite(cy)) {
            throw new IllegalArgumentException("projection needs a finite 1/f >= 0 and a finite principal point, got "
                    + inverseFocal + ", " + cx + ", " + cy);
        }
    }

    /** The weak-perspective camera ({@code k = 1}). */
    public static Projection weakPerspective() {
        return new Projection(0, 0, 0);
    }

    /** A pinhole camera of focal length {@code focalPixels} with the principal point at the image centre. */
    public static Projection pinhole(double focalPixels, int width, int height) {
        if (!(focalPixels > 0) || !Double.isFinite(focalPixels)) {
            throw new IllegalArgumentException("focal length must be positive and finite, got " + focalPixels);
        }
        return new Projection(1.0 / focalPixels, width / 2.0, height / 2.0);
    }

    /** The focal length that puts the camera {@code distanceMm} from the face at {@code scale} pixels per mm. */
    public static Projection atDistance(double distanceMm, double scale, int width, int height) {
        return pinhole(distanceMm * scale, width, height);
    }

    /** The same camera in the pixels of an image scaled by {@code levelScale} (a pyramid level). */
    public Projection scaled(double levelScale) {
        return new Projection(inverseFocal / levelScale, cx * levelScale, cy * levelScale);
    }

    public boolean isWeakPerspective() {
        return inverseFocal == 0;
    }

    /** The camera distance {@code f/s} in millimetres for the given pose scale; infinite for weak perspective. */
    public double distance(double scale) {
        return isWeakPerspective() ? Double.POSITIVE_INFINITY : 1.0 / (inverseFocal * scale);
    }

    /**
     * The render camera equal to this projection at {@code pose} (the coarse stage's weak-perspective pose
     * block): a {@link WeakPerspectiveCamera}, or a {@link PinholeCamera} at distance {@code f/s} with
     * translation {@code ((tx − cx)/s, −(ty − cy)/s, −f/s)}.
     */
    public Camera camera(Pose pose, int width, int height) {
        if (isWeakPerspective()) {
            return new WeakPerspectiveCamera(pose, width, height);
        }
        double s = pose.scale(), f = 1.0 / inverseFocal;
        Pose view = new Pose(pose.pitch(), pose.yaw(), pose.roll(), (pose.tx() - cx) / s, -(pose.ty() - cy) / s, -f / s, 1.0);
        return new PinholeCamera(view, f, cx, cy, width, height, 1.0);
    }
}
