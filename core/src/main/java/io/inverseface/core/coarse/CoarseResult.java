package io.inverseface.core.coarse;

import io.inverseface.core.FaceParameters;
import java.util.List;

/**
 * The coarse stage's answer: the fitted parameters, the model vertex finally assigned to each of the
 * 68 landmarks (the jaw contour slides) and a summary per stage.
 */
public record CoarseResult(FaceParameters parameters, int[] landmarkVertices, List<StageSummary> stages) {

    public CoarseResult {
        landmarkVertices = landmarkVertices.clone();
        stages = List.copyOf(stages);
    }

    @Override
    public int[] landmarkVertices() {
        return landmarkVertices.clone();
    }
}
