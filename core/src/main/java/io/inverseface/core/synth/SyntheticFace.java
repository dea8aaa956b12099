package io.inverseface.core.synth;

import io.inverseface.core.FaceParameters;
import io.inverseface.core.io.Landmarks;
import io.inverseface.render.RgbImage;
import java.util.Objects;

/**
 * One synthetic photo with its ground truth, made by {@link SyntheticFaceGenerator}.
 *
 * @param truth         the parameters it was rendered from (identity, expression, albedo, pose, lighting)
 * @param image         the rendered photo (colours in [0, 1], noise added, clamped)
 * @param landmarks     the 68 landmark vertices projected with the true pose, plus Gaussian pixel noise
 *                      (what a detector would hand the fitter)
 * @param trueLandmarks the same projections without noise (what the fit is scored against)
 * @param vertices      the true shape, xyz per vertex in model millimetres (copied on the way in and out)
 */
public record SyntheticFace(FaceParameters truth, RgbImage image, Landmarks landmarks, Landmarks trueLandmarks,
                            float[] vertices) {

    public SyntheticFace {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(landmarks, "landmarks");
        Objects.requireNonNull(trueLandmarks, "trueLandmarks");
        vertices = Objects.requireNonNull(vertices, "vertices").clone();
    }

    @Override
    public float[] vertices() {
        return vertices.clone();
    }

    @Override
    public String toString() {
        return "SyntheticFace[" + image.width() + "x" + image.height() + ", pose=" + truth.pose() + ", " + landmarks + "]";
    }
}
