package io.inverseface.core.coarse;

import io.inverseface.core.fit.Projection;
import io.inverseface.core.FaceParameters;
import java.util.List;

/**
 * The coarse stage's answer: the fitted parameters, the camera model they hold for ({@link Projection}),
 * the per-vertex albedo they give (RGB per vertex; grey when the photo was grey, see {@link GreyPhoto}),
 * the model vertex finally assigned to each of the 68 landmarks (the jaw contour slides) and a summary per
 * stage.
 */
public record CoarseResult(FaceParameters parameters, Projection projection, float[] albedo, int[] landmarkVertices,
                           List<StageSummary> stages) {

    public CoarseResult {
        albedo = albedo.clone();
        landmarkVertices = landmarkVertices.clone();
        stages = List.copyOf(stages);
    }

    @Override
    public float[] albedo() {
        return albedo.clone();
    }

    @Override
    public int[] landmarkVertices() {
        return landmarkVertices.clone();
    }
}
