package io.inverseface.core.detail;

import io.inverseface.render.VertexFaces;
import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.render.Mesh;
import io.inverseface.render.Meshes;
import io.inverseface.render.Pose;
import io.inverseface.render.SphericalHarmonicsLighting;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;

/** The detail stage's sparse Jacobian ∂C/∂d against central differences of the shading residual. */
class DetailLinearisationTest {

    @Test
    void sparseJacobianMatchesFiniteDifferences() {
        Mesh sphere = Meshes.icosphere(2, 50f);
        float[] p0 = sphere.positions();
        int[] t = sphere.triangles();
        int n = p0.length / 3;
        float[] n0 = new float[3 * n];
        Mesh.vertexNormals(p0, t, n0);
        Random rnd = new Random(1);
        float[] rho = new float[3 * n];
        for (int i = 0; i < rho.length; i++) {
            rho[i] = 0.4f + 0.4f * rnd.nextFloat();
        }
        double[] light = SphericalHarmonicsLighting.fromDirectional(-0.3, 0.5, 1, 0.9, 0.3).coefficients();
        double[] r = new double[9];
        Pose.weakPerspective(0.2, 0.3, 0.1, 0, 0, 1).rotation(r);
        boolean[] visible = new boolean[n];
        int[] rows = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            visible[i] = i % 3 != 0;
            rows[i] = visible[i] ? m++ : -1;
        }
        double[] observed = new double[3 * n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 0.5 * rnd.nextGaussian();
        }
        VertexFaces inc = VertexFaces.of(t, n);
        DetailLinearisation lin = DetailLinearisation.at(displaced(p0, n0, d), t, inc, n0, rho, light, r, visible, rows,
                3 * m, observed, d);
        DMatrixSparseCSC a = lin.a();
        double h = 1e-2; // positions are float: a smaller step drowns in rounding
        double worst = 0;
        for (int j = 0; j < n; j += 7) {
            double[] dp = d.clone(), dm = d.clone();
            dp[j] += h;
            dm[j] -= h;
            // residual = C − observed = A·d − b at the linearisation point: compare C(d ± h e_j).
            double[] rp = residual(p0, t, inc, n0, rho, light, r, visible, rows, m, observed, dp);
            double[] rm = residual(p0, t, inc, n0, rho, light, r, visible, rows, m, observed, dm);
            double[] column = new double[3 * m];
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                column[a.nz_rows[k]] = a.nz_values[k];
            }
            for (int row = 0; row < 3 * m; row++) {
                double numeric = (rp[row] - rm[row]) / (2 * h);
                worst = Math.max(worst, Math.abs(numeric - column[row]) / Math.max(1e-3, Math.abs(numeric)));
            }
        }
        assertThat(worst).isLessThan(2e-3);
    }

    private static float[] displaced(float[] p0, float[] n0, double[] d) {
        float[] p = p0.clone();
        for (int i = 0; i < d.length; i++) {
            for (int c = 0; c < 3; c++) {
                p[3 * i + c] = (float) (p0[3 * i + c] + n0[3 * i + c] * d[i]);
            }
        }
        return p;
    }

    /** C(d) − observed via the stage's own linearisation at d (its residual vector is A·d − b). */
    private static double[] residual(float[] p0, int[] t, VertexFaces inc, float[] n0, float[] rho, double[] light,
                                     double[] r, boolean[] visible, int[] rows, int m, double[] observed, double[] d) {
        DetailLinearisation lin = DetailLinearisation.at(displaced(p0, n0, d), t, inc, n0, rho, light, r, visible, rows,
                3 * m, observed, d);
        double[] ad = new double[3 * m];
        DetailLinearisation.multiply(lin.a(), d, ad);
        double[] out = new double[3 * m];
        for (int k = 0; k < out.length; k++) {
            out[k] = ad[k] - lin.b()[k];
        }
        return out;
    }
}
