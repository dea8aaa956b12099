package io.inverseface.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SphericalHarmonicsLightingTest {

    /** Gauss-Legendre nodes and weights on [−1, 1] by Newton iteration on P_n. */
    private static double[][] gaussLegendre(int n) {
        double[] x = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5)), dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1, p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1; p1 = p2;
                }
                dp = n * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-15) break;
            }
            x[i] = z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
        }
        return new double[][] {x, w};
    }

    @Test
    void unconvolvedBasisIsOrthonormalOnTheSphere() {
        double[][] gl = gaussLegendre(24);
        int nPhi = 48;
        double[][] gram = new double[9][9];
        double[] y = new double[9];
        for (int i = 0; i < gl[0].length; i++) {
            double z = gl[0][i], rho = Math.sqrt(1 - z * z);
            for (int k = 0; k < nPhi; k++) {
                double phi = 2 * Math.PI * k / nPhi;
                SphericalHarmonicsLighting.unconvolvedBasis(rho * Math.cos(phi), rho * Math.sin(phi), z, y);
                double wgt = gl[1][i] * 2 * Math.PI / nPhi;
                for (int a = 0; a < 9; a++) for (int b = 0; b < 9; b++) gram[a][b] += wgt * y[a] * y[b];
            }
        }
        for (int a = 0; a < 9; a++) for (int b = 0; b < 9; b++) {
            assertThat(gram[a][b]).as("<Y%d,Y%d>", a, b).isCloseTo(a == b ? 1 : 0, within(1e-6));
        }
    }

    @Test
    void convolvedBasisFoldsLambertianConstants() {
        double[] y = new double[9], phi = new double[9];
        SphericalHarmonicsLighting.unconvolvedBasis(0.36, 0.48, 0.8, y);
        SphericalHarmonicsLighting.basis(0.36, 0.48, 0.8, phi);
        double[] a = {Math.PI, 2 * Math.PI / 3, 2 * Math.PI / 3, 2 * Math.PI / 3, Math.PI / 4, Math.PI / 4, Math.PI / 4, Math.PI / 4, Math.PI / 4};
        for (int i = 0; i < 9; i++) assertThat(phi[i]).isCloseTo(a[i] * y[i], within(1e-12));
        assertThat(y[0]).isCloseTo(0.282095, within(1e-6));
        assertThat(y[3]).isCloseTo(0.488603 * 0.36, within(1e-6));
        assertThat(y[4]).isCloseTo(1.092548 * 0.36 * 0.48, within(1e-6));
        assertThat(y[6]).isCloseTo(0.315392 * (3 * 0.64 - 1), within(1e-6));
        assertThat(y[8]).isCloseTo(0.546274 * (0.36 * 0.36 - 0.48 * 0.48), within(1e-6));
    }

    @Test
    void irradianceIsDotProductWithConvolvedBasis() {
        Random rnd = new Random(4);
        double[] c = new double[27];
        for (int i = 0; i < 27; i++) c[i] = rnd.nextGaussian();
        SphericalHarmonicsLighting l = new SphericalHarmonicsLighting(c);
        double[] phi = new double[9];
        double[] n = {-0.6, 0.0, 0.8};
        SphericalHarmonicsLighting.basis(n[0], n[1], n[2], phi);
        for (int ch = 0; ch < 3; ch++) {
            double e = 0;
            for (int i = 0; i < 9; i++) e += c[9 * ch + i] * phi[i];
            assertThat(l.irradiance(n, ch)).isCloseTo(e, within(1e-12));
        }
    }

    @Test
    void basisDerivativesMatchFiniteDifferences() {
        double[] n = {0.3, -0.5, 0.7}, d = new double[27], fp = new double[9], fm = new double[9];
        SphericalHarmonicsLighting.basisDerivatives(n[0], n[1], n[2], d);
        double h = 1e-6;
        for (int j = 0; j < 3; j++) {
            double[] p = n.clone(), m = n.clone();
            p[j] += h; m[j] -= h;
            SphericalHarmonicsLighting.basis(p[0], p[1], p[2], fp);
            SphericalHarmonicsLighting.basis(m[0], m[1], m[2], fm);
            for (int i = 0; i < 9; i++) assertThat(d[3 * i + j]).isCloseTo((fp[i] - fm[i]) / (2 * h), within(1e-8));
        }
    }

    @Test
    void ambientIsConstantAndDirectionalApproximatesClampedCosine() {
        SphericalHarmonicsLighting amb = SphericalHarmonicsLighting.ambient(0.7);
        assertThat(amb.irradiance(0, 0, 1, 0)).isCloseTo(0.7, within(1e-12));
        assertThat(amb.irradiance(0.6, -0.8, 0, 2)).isCloseTo(0.7, within(1e-12));
        SphericalHarmonicsLighting dir = SphericalHarmonicsLighting.fromDirectional(0, 0, 2, 1.0, 0.0);
        // Second-order approximation of max(0, n·d): exact values at n = d and n = −d are 1 and 0;
        // the order-2 truncation gives 0.5 + 0.5 + 5/32·... ; check it is close.
        assertThat(dir.irradiance(0, 0, 1, 1)).isCloseTo(1.0, within(0.08));
        assertThat(dir.irradiance(0, 0, -1, 1)).isCloseTo(0.0, within(0.08));
        assertThat(dir.irradiance(1, 0, 0, 1)).isCloseTo(0.0, within(0.15));
    }

    @Test
    void validatesCoefficients() {
        assertThatThrownBy(() -> new SphericalHarmonicsLighting(new double[9])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("27");
        double[] bad = new double[27];
        bad[5] = Double.NaN;
        assertThatThrownBy(() -> new SphericalHarmonicsLighting(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5");
        double[] c = new double[27];
        SphericalHarmonicsLighting l = new SphericalHarmonicsLighting(c);
        c[0] = 3; // defensive copy
        assertThat(l.coefficient(0, 0)).isZero();
    }
}
