package io.inverseface.core.detail;

import io.inverseface.render.LambertianShading;
import io.inverseface.render.SphericalHarmonicsLighting;
import io.inverseface.render.VertexFaces;
import java.util.Arrays;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;

/**
 * The detail stage's data term linearised at the current displacement d: the sparse A (rows (vertex,
 * channel) of the visible vertices, one column per vertex) and b with {@code ‖A·d' − b‖} the linearised
 * residual {@code ρ·s(n(d')) − C_I} at a new d'. A vertex's colour depends on d through its normal:
 * {@code ∂N_i/∂p_a·δ = δ×(b−c)} per incident face (a, b, c), each vertex moving along its coarse normal
 * ({@code p̂ = p + n·d}), and {@code ∂C/∂N} from {@link LambertianShading}.
 *
 * @param rms the RMS colour residual at d
 */
record DetailLinearisation(DMatrixSparseCSC a, double[] b, double rms) {

    /** Rows (vertex, channel) scaled by the vertex's robust weight (√ of the IRLS weight). */
    DetailLinearisation weighted(double[] vertexWeights) {
        if (vertexWeights == null) {
            return this;
        }
        DMatrixSparseCSC wa = a.copy();
        for (int k = 0; k < wa.nz_length; k++) {
            wa.nz_values[k] *= vertexWeights[wa.nz_rows[k] / 3];
        }
        double[] wb = b.clone();
        for (int k = 0; k < wb.length; k++) {
            wb[k] *= vertexWeights[k / 3];
        }
        return new DetailLinearisation(wa, wb, rms);
    }

    /**
     * Huber IRLS weights per visible vertex from the residual at d = 0 (A·0 − b = −b): colour errors the
     * coarse fit could not explain beyond δ — hair, eyebrows, specular highlights — are mostly albedo,
     * not geometry, so they pull the displacement with weight √(δ/e) instead of 1.
     */
    double[] huberWeights(double delta) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            return null;
        }
        int m = b.length / 3;
        double[] w = new double[m];
        for (int v = 0; v < m; v++) {
            double e2 = 0;
            for (int c = 0; c < 3; c++) {
                double res = b[3 * v + c];
                e2 += res * res;
            }
            double e = Math.sqrt(e2);
            w[v] = e <= delta ? 1.0 : Math.sqrt(delta / e);
        }
        return w;
    }

    static DetailLinearisation at(float[] p, int[] t, VertexFaces inc, float[] n0, float[] rho, double[] light,
                                           double[] r, boolean[] visible, int[] rows, int m, double[] observed, double[] d) {
        int n = p.length / 3;
        DMatrixSparseTriplet a = new DMatrixSparseTriplet(m, n, m * 18);
        double[] residual = new double[m];
        double[] phi = new double[9], dphi = new double[27];
        double[] m3 = new double[3], h = new double[3], g = new double[3];
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            if (!visible[i]) {
                continue;
            }
            double nx = 0, ny = 0, nz = 0;
            for (int q = inc.start()[i]; q < inc.start()[i + 1]; q++) {
                int f = 3 * inc.faces()[q];
                int va = 3 * t[f], vb = 3 * t[f + 1], vc = 3 * t[f + 2];
                double e1x = p[vb] - p[va], e1y = p[vb + 1] - p[va + 1], e1z = p[vb + 2] - p[va + 2];
                double e2x = p[vc] - p[va], e2y = p[vc + 1] - p[va + 1], e2z = p[vc + 2] - p[va + 2];
                nx += e1y * e2z - e1z * e2y;
                ny += e1z * e2x - e1x * e2z;
                nz += e1x * e2y - e1y * e2x;
            }
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (len < 1e-20) {
                len = 1e-20;
            }
            double mx = nx / len, my = ny / len, mz = nz / len;
            double vx = r[0] * mx + r[1] * my + r[2] * mz;
            double vy = r[3] * mx + r[4] * my + r[5] * mz;
            double vz = r[6] * mx + r[7] * my + r[8] * mz;
            SphericalHarmonicsLighting.basis(vx, vy, vz, phi);
            SphericalHarmonicsLighting.basisDerivatives(vx, vy, vz, dphi);
            int row0 = 3 * rows[i];
            m3[0] = mx;
            m3[1] = my;
            m3[2] = mz;
            for (int c = 0; c < 3; c++) {
                double shade = LambertianShading.shade(light, c, phi);
                LambertianShading.shadeGradient(light, c, dphi, h);
                double rc = rho[3 * i + c];
                double res = rc * shade - observed[3 * i + c];
                residual[row0 + c] = res;
                sumSq += res * res;
                // g = ∂C/∂N = ρ·(I − n̂n̂ᵀ)/|N| · Rᵀh.
                LambertianShading.normalGradient(r, m3, len, rc, h, g);
                double gx = g[0], gy = g[1], gz = g[2];
                for (int q = inc.start()[i]; q < inc.start()[i + 1]; q++) {
                    int f = 3 * inc.faces()[q];
                    for (int corner = 0; corner < 3; corner++) {
                        int x = t[f + corner], nxt = t[f + (corner + 1) % 3], prv = t[f + (corner + 2) % 3];
                        // ∂N/∂p_x·δ = δ×(next − prev); the displacement moves p_x along n0_x.
                        double ex = p[3 * nxt] - p[3 * prv], ey = p[3 * nxt + 1] - p[3 * prv + 1], ez = p[3 * nxt + 2] - p[3 * prv + 2];
                        double wx = ey * gz - ez * gy, wy = ez * gx - ex * gz, wz = ex * gy - ey * gx;
                        double coef = wx * n0[3 * x] + wy * n0[3 * x + 1] + wz * n0[3 * x + 2];
                        a.addItem(row0 + c, x, coef);
                    }
                }
            }
        }
        DMatrixSparseCSC matrix = SparseAssembly.compress(a);
        // b = A·d − residual, so that ‖A·d' − b‖ is the linearised residual at the new d'.
        double[] b = new double[m];
        multiply(matrix, d, b);
        for (int k = 0; k < m; k++) {
            b[k] -= residual[k];
        }
        return new DetailLinearisation(matrix, b, Math.sqrt(sumSq / Math.max(1, m)));
    }

    /** Mean of the squared column norms of A (the mean diagonal of AᵀA), at least a tiny positive number. */
    static double meanColumnSquare(DMatrixSparseCSC a) {
        double sum = 0;
        for (int k = 0; k < a.nz_length; k++) {
            sum += a.nz_values[k] * a.nz_values[k];
        }
        return Math.max(1e-30, sum / Math.max(1, a.numCols));
    }

    /** y = A·x for a CSC matrix. */
    static void multiply(DMatrixSparseCSC a, double[] x, double[] y) {
        Arrays.fill(y, 0, a.numRows, 0.0);
        for (int j = 0; j < a.numCols; j++) {
            double xj = x[j];
            if (xj == 0) {
                continue;
            }
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                y[a.nz_rows[k]] += a.nz_values[k] * xj;
            }
        }
    }
}
