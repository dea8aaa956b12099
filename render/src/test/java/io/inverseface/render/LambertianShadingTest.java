package io.inverseface.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LambertianShadingTest {

    private static final Random RND = new Random(5);

    private static double[] randomLight() {
        double[] l = new double[SphericalHarmonicsLighting.COEFFICIENT_COUNT];
        for (int i = 0; i < l.length; i++) {
            l[i] = RND.nextGaussian() * (i % 9 == 0 ? 1.0 : 0.3);
        }
        return l;
    }

    @Test
    void theShadeIsTheIrradianceOfThatChannel() {
        double[] l = randomLight();
        SphericalHarmonicsLighting light = new SphericalHarmonicsLighting(l);
        double[] n = {0.3, -0.5, Math.sqrt(1 - 0.09 - 0.25)};
        double[] phi = new double[9];
        SphericalHarmonicsLighting.basis(n[0], n[1], n[2], phi);
        for (int c = 0; c < 3; c++) {
            assertThat(LambertianShading.shade(l, c, phi)).isCloseTo(light.irradiance(n, c), within(1e-12));
        }
    }

    /** ρ·s_c(R·N/|N|) by central differences in each component of the unnormalised normal N. */
    @Test
    void theNormalGradientMatchesFiniteDifferences() {
        double[] l = randomLight();
        double[] r = new double[9];
        Pose.rotation(0.2, -0.4, 0.1, r);
        double[] bigN = {0.4, 1.3, 2.1};
        double rho = 0.7;
        for (int c = 0; c < 3; c++) {
            double len = Math.sqrt(bigN[0] * bigN[0] + bigN[1] * bigN[1] + bigN[2] * bigN[2]);
            double[] m = {bigN[0] / len, bigN[1] / len, bigN[2] / len};
            double[] v = rotate(r, m);
            double[] dphi = new double[27], h = new double[3], g = new double[3];
            SphericalHarmonicsLighting.basisDerivatives(v[0], v[1], v[2], dphi);
            LambertianShading.shadeGradient(l, c, dphi, h);
            LambertianShading.normalGradient(r, m, len, rho, h, g);
            for (int d = 0; d < 3; d++) {
                double eps = 1e-6;
                double[] plus = bigN.clone(), minus = bigN.clone();
                plus[d] += eps;
                minus[d] -= eps;
                double numeric = (colour(l, c, r, plus, rho) - colour(l, c, r, minus, rho)) / (2 * eps);
                assertThat(g[d]).as("channel %d, dN_%d", c, d).isCloseTo(numeric, within(1e-7));
            }
        }
    }

    private static double colour(double[] l, int c, double[] r, double[] bigN, double rho) {
        double len = Math.sqrt(bigN[0] * bigN[0] + bigN[1] * bigN[1] + bigN[2] * bigN[2]);
        double[] v = rotate(r, new double[] {bigN[0] / len, bigN[1] / len, bigN[2] / len});
        double[] phi = new double[9];
        SphericalHarmonicsLighting.basis(v[0], v[1], v[2], phi);
        return rho * LambertianShading.shade(l, c, phi);
    }

    private static double[] rotate(double[] r, double[] m) {
        return new double[] {r[0] * m[0] + r[1] * m[1] + r[2] * m[2], r[3] * m[0] + r[4] * m[1] + r[5] * m[2],
                r[6] * m[0] + r[7] * m[1] + r[8] * m[2]};
    }
}
