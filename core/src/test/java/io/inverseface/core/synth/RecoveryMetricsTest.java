package io.inverseface.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import io.inverseface.render.Pose;
import org.junit.jupiter.api.Test;

class RecoveryMetricsTest {

    private final FaceModel model = FaceModels.ictLight();

    @Test
    void truthScoresZero() {
        SyntheticFace f = SyntheticFaceGenerator.builder().model(model).seed(1).imageSize(256).landmarkNoise(0).build().face(0);
        RecoveryMetrics m = RecoveryMetrics.of(model, f, f.truth());
        assertEquals(0, m.vertexErrorMm(), 1e-4);
        assertEquals(0, m.landmarkErrorPx(), 1e-3);
        assertEquals(0, m.maxAngleErrorDeg(), 1e-12);
    }

    @Test
    void rigidAlignmentRemovesRotationAndTranslationButNotScale() {
        float[] truth = model.meanShape();
        int[] region = model.regionVertices(FaceRegion.NARROW);
        double[] r = new double[9];
        Pose.rotation(0.3, -0.5, 0.2, r);
        float[] moved = new float[truth.length], scaled = new float[truth.length];
        for (int v = 0; v < truth.length / 3; v++) {
            double x = truth[3 * v], y = truth[3 * v + 1], z = truth[3 * v + 2];
            for (int d = 0; d < 3; d++) {
                moved[3 * v + d] = (float) (r[3 * d] * x + r[3 * d + 1] * y + r[3 * d + 2] * z + 10 * (d + 1));
                scaled[3 * v + d] = (float) (1.1 * moved[3 * v + d]);
            }
        }
        assertEquals(0, RecoveryMetrics.alignedVertexError(moved, truth, region, false), 1e-3);
        assertEquals(0, RecoveryMetrics.alignedVertexError(scaled, truth, region, true), 1e-3);
        // 10 % too large stays an error under the rigid alignment: about 10 % of the mean radius.
        double rigid = RecoveryMetrics.alignedVertexError(scaled, truth, region, false);
        assertEquals(true, rigid > 2, () -> "rigid error of a 10 % larger face: " + rigid);
    }
}
