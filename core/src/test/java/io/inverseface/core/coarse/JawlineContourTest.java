package io.inverseface.core.coarse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.io.Landmarks;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.Jawline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JawlineContourTest {

    private static FaceModel model;
    private static float[] positions;
    private static double[] pose;

    @BeforeAll
    static void load() {
        model = FaceModels.ictLight();
        positions = model.meanShape();
        pose = new double[PoseBlock.SIZE];
        pose[PoseBlock.TX] = 256;
        pose[PoseBlock.TY] = 256;
        pose[PoseBlock.SCALE] = 2;
    }

    private static double[] project(int v) {
        double[] r = new double[9];
        io.inverseface.render.Pose.rotation(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], r);
        double x = positions[3 * v], y = positions[3 * v + 1], z = positions[3 * v + 2];
        return new double[] {pose[PoseBlock.TX] + pose[PoseBlock.SCALE] * (r[0] * x + r[1] * y + r[2] * z),
                pose[PoseBlock.TY] - pose[PoseBlock.SCALE] * (r[3] * x + r[4] * y + r[5] * z)};
    }

    private static double[] landmarksAtDefaults() {
        int[] lv = model.landmarkVertices();
        double[] xy = new double[2 * Landmarks.COUNT];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double[] p = project(lv[i]);
            xy[2 * i] = p[0];
            xy[2 * i + 1] = p[1];
        }
        return xy;
    }

    @Test
    void aFrontalJawPointOnAnotherOutlineVertexSlidesThereAndIsMeasuredAcrossTheOutlineOnly() {
        Jawline jaw = model.jawline();
        int[] right = jaw.rightCandidates();
        int[] left = jaw.leftCandidates();
        int rc = right[right.length / 2];
        int lc = left[left.length / 2];
        double[] xy = landmarksAtDefaults();
        double[] pr = project(rc);
        double[] pl = project(lc);
        xy[2 * 3] = pr[0];
        xy[2 * 3 + 1] = pr[1];
        xy[2 * 13] = pl[0];
        xy[2 * 13 + 1] = pl[1];
        JawlineContour.Assignment a = JawlineContour.assign(model, positions, pose, new Landmarks(xy));
        // yaw 0: both sides slide, not only the far side of a turned head
        assertThat(a.vertices()[3]).isEqualTo(rc);
        assertThat(a.vertices()[13]).isEqualTo(lc);
        for (int i : new int[] {3, 13}) {
            assertThat(Math.hypot(a.normals()[2 * i], a.normals()[2 * i + 1])).isCloseTo(1, within(1e-9));
        }
        // the chin and the inner points keep their vertices and full 2D residuals
        int[] lv = model.landmarkVertices();
        for (int i : new int[] {8, 30, 36, 48}) {
            assertThat(a.vertices()[i]).isEqualTo(lv[i]);
            assertThat(a.normals()[2 * i]).isZero();
            assertThat(a.normals()[2 * i + 1]).isZero();
        }
    }

    @Test
    void jawPointsOnTheirDefaultVerticesAreMatchedOntoThem() {
        double[] xy = landmarksAtDefaults();
        JawlineContour.Assignment a = JawlineContour.assign(model, positions, pose, new Landmarks(xy));
        for (int i = 0; i <= 16; i++) {
            double[] p = project(a.vertices()[i]);
            // the chosen vertex (the default or a candidate at the same place) projects onto the point
            assertThat(Math.hypot(p[0] - xy[2 * i], p[1] - xy[2 * i + 1])).isLessThan(1e-6);
        }
    }
}
