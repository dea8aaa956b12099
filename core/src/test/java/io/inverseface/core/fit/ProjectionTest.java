package io.inverseface.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.inverseface.render.Camera;
import io.inverseface.render.Pose;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    /** The formula the terms use: u = cx + k·a, v = cy + k·b, k = 1/(1 − s·q_z/f). */
    private static double[] project(Projection pr, double[] pose, double x, double y, double z) {
        double[] r = new double[9];
        Pose.rotation(pose[0], pose[1], pose[2], r);
        double qx = r[0] * x + r[1] * y + r[2] * z, qy = r[3] * x + r[4] * y + r[5] * z, qz = r[6] * x + r[7] * y + r[8] * z;
        double s = pose[5];
        double k = 1.0 / (1.0 - s * qz * pr.inverseFocal());
        return new double[] {pr.cx() + k * (pose[3] + s * qx - pr.cx()), pr.cy() + k * (pose[4] - s * qy - pr.cy())};
    }

    @Test
    void thePinholeCameraProjectsAsTheTermsDo() {
        double[] pose = {0.1, -0.4, 0.05, 300, 260, 2.5};
        Projection pr = Projection.pinhole(900, 640, 480);
        Camera camera = pr.camera(PoseBlock.toPose(pose), 640, 480);
        assertThat(camera.perspective()).isTrue();
        float[] out = new float[3];
        for (double[] p : new double[][] {{0, 0, 0}, {40, 30, 20}, {-45, -60, -80}, {10, 5, 110}}) {
            camera.project(p[0], p[1], p[2], out, 0);
            double[] expected = project(pr, pose, p[0], p[1], p[2]);
            assertThat((double) out[0]).isCloseTo(expected[0], within(1e-3));
            assertThat((double) out[1]).isCloseTo(expected[1], within(1e-3));
        }
        // The model origin is where the weak perspective put it, at distance f/s.
        camera.project(0, 0, 0, out, 0);
        assertThat((double) out[0]).isCloseTo(300, within(1e-3));
        assertThat((double) out[2]).isCloseTo(900 / 2.5, within(1e-3));
        assertThat(pr.distance(2.5)).isCloseTo(360, within(1e-9));
    }

    @Test
    void aNearerPointIsMagnifiedByTheDistanceRatio() {
        double[] pose = {0, 0, 0, 320, 240, 2.0};
        Projection pr = Projection.atDistance(500, 2.0, 640, 480);
        double[] nose = project(pr, pose, 10, 0, 50);
        // 50 mm nearer at 500 mm: 500/450 times the weak-perspective offset of 2·10 px.
        assertThat(nose[0] - 320).isCloseTo(20 * 500.0 / 450.0, within(1e-9));
        assertThat(project(Projection.weakPerspective(), pose, 10, 0, 50)[0] - 320).isCloseTo(20, within(1e-12));
    }

    @Test
    void aScaledProjectionIsTheSameCameraAtAPyramidLevel() {
        double[] pose = {0.2, 0.3, -0.1, 300, 200, 1.8};
        Projection pr = Projection.pinhole(700, 600, 400);
        double[] full = project(pr, pose, 30, -20, 40);
        double ls = 0.5;
        double[] levelPose = {0.2, 0.3, -0.1, 300 * ls, 200 * ls, 1.8 * ls};
        double[] level = project(pr.scaled(ls), levelPose, 30, -20, 40);
        assertThat(level[0]).isCloseTo(full[0] * ls, within(1e-9));
        assertThat(level[1]).isCloseTo(full[1] * ls, within(1e-9));
    }

    @Test
    void badCamerasAreRefused() {
        assertThatThrownBy(() -> Projection.pinhole(0, 10, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("focal length");
        assertThatThrownBy(() -> new Projection(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoarseOptions.builder().cameraDistance(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cameraDistance");
    }
}
