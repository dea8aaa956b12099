package io.inverseface.core.fit;

import io.inverseface.core.FaceParameters;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.model.FaceModel;
import io.inverseface.optim.TermResiduals;
import io.inverseface.render.RgbImage;

/**
 * What an energy may read when it builds its term: the model (and its vertex-major bases), the phase,
 * the image at the current pyramid level with its scale from full-resolution pixels, the input
 * landmarks, the model vertex currently assigned to each landmark (the jaw contour slides with yaw),
 * with a 2D outline normal for those that slide along the jaw contour ((0, 0) otherwise), the visible sample vertices, the parameters at the start of this round and the options.
 *
 * <p>{@code projection} is the camera model of this fit (weak perspective, or a pinhole with the photo's
 * focal length, see {@link Projection}); terms that project model points use it.
 *
 * <p>{@code residuals} evaluates a term's residuals at given parameters where the solver evaluates it (on
 * the device for a {@link io.inverseface.optim.device.DeviceTerm} on a GPU backend, on the host otherwise):
 * an energy that reweighs its residuals between rounds (IRLS) asks it, and never learns where it runs.
 * Terms that implement {@code DeviceTerm} are put on the device by the solver without the energy doing
 * anything.
 */
public record FitContext(FaceModel model, VertexMajorBases bases, FitPhase phase, RgbImage image, double levelScale,
                         Landmarks landmarks, int[] landmarkVertices, double[] landmarkNormals, int[] visibleSamples, FaceParameters current,
                         CoarseOptions options, Projection projection, TermResiduals residuals) {

    /** A weak-perspective context evaluating on the host (the CPU fit), as before those components existed. */
    public FitContext(FaceModel model, VertexMajorBases bases, FitPhase phase, RgbImage image, double levelScale,
                      Landmarks landmarks, int[] landmarkVertices, double[] landmarkNormals, int[] visibleSamples,
                      FaceParameters current, CoarseOptions options) {
        this(model, bases, phase, image, levelScale, landmarks, landmarkVertices, landmarkNormals, visibleSamples,
                current, options, Projection.weakPerspective(), TermResiduals.host());
    }

    @Override
    public int[] landmarkVertices() {
        return landmarkVertices.clone();
    }

    @Override
    public double[] landmarkNormals() {
        return landmarkNormals.clone();
    }

    @Override
    public int[] visibleSamples() {
        return visibleSamples.clone();
    }
}
