package io.inverseface.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CameraTest {
    private static final Pose POSE = new Pose(0.2, -0.4, 0.15, 3.0, -2.0, -40.0, 1.3);

    private static List<Camera> cameras() {
        return List.of(
                new WeakPerspectiveCamera(Pose.weakPerspective(0.2, -0.4, 0.15, 120, 130, 2.5), 256, 240),
                new PinholeCamera(POSE, 500, 128, 120, 256, 240, 0.1));
    }

    @Test
    void projectUnprojectRoundTrips() {
        Random rnd = new Random(1);
        for (Camera cam : cameras()) {
            for (int k = 0; k < 50; k++) {
                float[] p = {(float) rnd.nextGaussian(), (float) rnd.nextGaussian(), (float) rnd.nextGaussian()};
                float[] s = new float[3];
                cam.project(p, s);
                double[] back = new double[3];
                cam.unproject(s[0], s[1], s[2], back);
                for (int i = 0; i < 3; i++) assertThat(back[i]).as(cam.getClass().getSimpleName()).isCloseTo(p[i], within(1e-4));
            }
        }
    }

    @Test
    void conventionsUpIsUpAndNearerIsSmallerDepth() {
        for (Camera cam : cameras()) {
            Camera c = cam.withPose(cam instanceof PinholeCamera ? new Pose(0, 0, 0, 0, 0, -10, 1) : Pose.weakPerspective(0, 0, 0, 100, 100, 1));
            float[] origin = new float[3], up = new float[3], right = new float[3], toViewer = new float[3];
            c.project(new float[] {0, 0, 0}, origin);
            c.project(new float[] {0, 1, 0}, up);
            c.project(new float[] {1, 0, 0}, right);
            c.project(new float[] {0, 0, 1}, toViewer);
            assertThat(up[1]).isLessThan(origin[1]);
            assertThat(right[0]).isGreaterThan(origin[0]);
            assertThat(toViewer[2]).isLessThan(origin[2]);
        }
        // Pinhole principal point: a point on the axis lands on (cx, cy).
        float[] s = new float[3];
        new PinholeCamera(new Pose(0, 0, 0, 0, 0, -10, 1), 400, 64, 32).project(new float[] {0, 0, 0}, s);
        assertThat(s[0]).isEqualTo(32f);
        assertThat(s[1]).isEqualTo(16f);
        assertThat(s[2]).isEqualTo(10f);
    }

    @Test
    void pointJacobianMatchesFiniteDifferences() {
        Random rnd = new Random(2);
        double h = 1e-4;
        for (Camera cam : cameras()) {
            for (int k = 0; k < 10; k++) {
                double[] p = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
                double[] jac = new double[6];
                cam.pointJacobian(p[0], p[1], p[2], jac);
                for (int j = 0; j < 3; j++) {
                    double[] plus = p.clone(), minus = p.clone();
                    plus[j] += h; minus[j] -= h;
                    double[] fp = projectD(cam, plus), fm = projectD(cam, minus);
                    for (int r = 0; r < 2; r++) {
                        double fd = (fp[r] - fm[r]) / (2 * h);
                        assertThat(jac[3 * r + j]).isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
                    }
                }
            }
        }
    }

    @Test
    void poseJacobianMatchesFiniteDifferences() {
        Random rnd = new Random(3);
        double h = 1e-6;
        for (Camera cam : cameras()) {
            double[] params = cam.pose().toArray();
            for (int k = 0; k < 10; k++) {
                double[] p = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
                double[] jac = new double[14];
                cam.poseJacobian(p[0], p[1], p[2], jac);
                for (int j = 0; j < Pose.PARAMETER_COUNT; j++) {
                    double[] plus = params.clone(), minus = params.clone();
                    plus[j] += h; minus[j] -= h;
                    double[] fp = projectD(cam.withPose(Pose.fromArray(plus)), p), fm = projectD(cam.withPose(Pose.fromArray(minus)), p);
                    for (int r = 0; r < 2; r++) {
                        double fd = (fp[r] - fm[r]) / (2 * h);
                        assertThat(jac[7 * r + j]).as("%s param %d row %d", cam.getClass().getSimpleName(), j, r)
                                .isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
                    }
                }
            }
        }
    }

    /** Double-precision projection via unproject's inverse: solve by the camera's own formula. */
    private static double[] projectD(Camera cam, double[] p) {
        double[] r = new double[9];
        Pose pose = cam.pose();
        pose.rotation(r);
        double s = pose.scale();
        double qx = s * (r[0] * p[0] + r[1] * p[1] + r[2] * p[2]);
        double qy = s * (r[3] * p[0] + r[4] * p[1] + r[5] * p[2]);
        double qz = s * (r[6] * p[0] + r[7] * p[1] + r[8] * p[2]);
        if (cam instanceof PinholeCamera pc) {
            qx += pose.tx(); qy += pose.ty(); qz += pose.tz();
            double d = -qz;
            return new double[] {pc.principalX() + pc.focalPixels() * qx / d, pc.principalY() - pc.focalPixels() * qy / d};
        }
        return new double[] {pose.tx() + qx, pose.ty() - qy};
    }

    @Test
    void floatProjectionAgreesWithReferenceFormula() {
        for (Camera cam : cameras()) {
            double[] p = {0.3, -0.2, 0.5};
            float[] s = new float[3];
            cam.project(p[0], p[1], p[2], s, 0);
            double[] ref = projectD(cam, p);
            assertThat((double) s[0]).isCloseTo(ref[0], within(1e-3));
            assertThat((double) s[1]).isCloseTo(ref[1], within(1e-3));
        }
    }

    @Test
    void rejectsBadIntrinsics() {
        assertThatThrownBy(() -> new PinholeCamera(POSE, -1, 10, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("focal");
        assertThatThrownBy(() -> new WeakPerspectiveCamera(POSE, 0, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> new PinholeCamera(POSE, 100, 5, 5, 10, 10, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("near");
    }
}
