package io.inverseface.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoseTest {
    private static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
        return c;
    }

    @Test
    void rotationIsRzRyRxProduct() {
        double p = 0.3, y = -0.7, r = 1.1;
        double[] rx = {1, 0, 0, 0, Math.cos(p), -Math.sin(p), 0, Math.sin(p), Math.cos(p)};
        double[] ry = {Math.cos(y), 0, Math.sin(y), 0, 1, 0, -Math.sin(y), 0, Math.cos(y)};
        double[] rz = {Math.cos(r), -Math.sin(r), 0, Math.sin(r), Math.cos(r), 0, 0, 0, 1};
        double[] expected = mul(rz, mul(ry, rx));
        double[] actual = new double[9];
        Pose.rotation(p, y, r, actual);
        for (int i = 0; i < 9; i++) assertThat(actual[i]).isCloseTo(expected[i], within(1e-12));
        // orthonormal
        double[] rt = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) rt[3 * i + j] = actual[3 * j + i];
        double[] id = mul(actual, rt);
        for (int i = 0; i < 9; i++) assertThat(id[i]).isCloseTo(i % 4 == 0 ? 1 : 0, within(1e-12));
    }

    @Test
    void rotationDerivativesMatchFiniteDifferences() {
        double[][] angles = {{0.3, -0.7, 1.1}, {0, 0, 0}, {-1.2, 1.4, -2.9}};
        double h = 1e-6;
        for (double[] a : angles) {
            double[][] d = new double[3][9];
            Pose.rotationDerivatives(a[0], a[1], a[2], d[0], d[1], d[2]);
            for (int k = 0; k < 3; k++) {
                double[] plus = a.clone(), minus = a.clone();
                plus[k] += h; minus[k] -= h;
                double[] rp = new double[9], rm = new double[9];
                Pose.rotation(plus[0], plus[1], plus[2], rp);
                Pose.rotation(minus[0], minus[1], minus[2], rm);
                for (int i = 0; i < 9; i++) {
                    assertThat(d[k][i]).as("angle %d entry %d", k, i).isCloseTo((rp[i] - rm[i]) / (2 * h), within(1e-8));
                }
            }
        }
    }

    @Test
    void arrayRoundTripAndValidation() {
        Pose p = new Pose(0.1, 0.2, 0.3, 4, 5, 6, 7);
        assertThat(Pose.fromArray(p.toArray())).isEqualTo(p);
        assertThatThrownBy(() -> new Pose(Double.NaN, 0, 0, 0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not finite");
        assertThatThrownBy(() -> Pose.weakPerspective(0, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale");
        assertThatThrownBy(() -> Pose.fromArray(new double[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
