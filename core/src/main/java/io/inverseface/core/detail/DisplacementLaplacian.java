package io.inverseface.core.detail;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;

/**
 * The operator of the detail prior {@code μ2‖L·d‖₁}: a row-normalised cotangent Laplacian,
 * {@code (L·d)_i = d_i − Σ_j w_ij·d_j / Σ_j w_ij}, so {@code (L·d)_i} is in millimetres (how far vertex i's
 * displacement sits from its neighbours' weighted mean) whatever the mesh density. Cotangent weights
 * {@code w_ij = ½(cot α + cot β)} follow the surface's metric; a weight that is non-positive or not finite
 * (obtuse or degenerate triangles) falls back to the uniform weight 1 for that edge.
 */
public final class DisplacementLaplacian {

    private DisplacementLaplacian() {
    }

    public static DMatrixSparseCSC build(float[] p, int[] triangles) {
        int n = p.length / 3;
        DMatrixSparseTriplet w = new DMatrixSparseTriplet(n, n, 2 * triangles.length);
        for (int t = 0; t < triangles.length; t += 3) {
            for (int e = 0; e < 3; e++) {
                int a = triangles[t + e], b = triangles[t + (e + 1) % 3], c = triangles[t + (e + 2) % 3];
                double cot = 0.5 * cot(p, c, a, b);
                w.addItem(a, b, cot);
                w.addItem(b, a, cot);
            }
        }
        DMatrixSparseCSC weights = SparseAssembly.compress(w); // each edge's two half-cotangents summed
        // Column j of the symmetric weight matrix holds row j's neighbours.
        DMatrixSparseTriplet l = new DMatrixSparseTriplet(n, n, weights.nz_length + n);
        for (int i = 0; i < n; i++) {
            double total = 0;
            int start = weights.col_idx[i], end = weights.col_idx[i + 1];
            for (int k = start; k < end; k++) {
                total += weight(weights.nz_values[k]);
            }
            l.addItem(i, i, 1.0);
            if (total <= 0) {
                continue;
            }
            for (int k = start; k < end; k++) {
                l.addItem(i, weights.nz_rows[k], -weight(weights.nz_values[k]) / total);
            }
        }
        return SparseAssembly.compress(l);
    }

    private static double weight(double cotangentWeight) {
        return cotangentWeight > 1e-6 && Double.isFinite(cotangentWeight) ? cotangentWeight : 1.0;
    }

    /** Cotangent of the angle at vertex {@code o} in triangle (o, a, b). */
    private static double cot(float[] p, int o, int a, int b) {
        double ux = p[3 * a] - p[3 * o], uy = p[3 * a + 1] - p[3 * o + 1], uz = p[3 * a + 2] - p[3 * o + 2];
        double vx = p[3 * b] - p[3 * o], vy = p[3 * b + 1] - p[3 * o + 1], vz = p[3 * b + 2] - p[3 * o + 2];
        double dot = ux * vx + uy * vy + uz * vz;
        double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
        double cross = Math.sqrt(cx * cx + cy * cy + cz * cz);
        return cross > 1e-12 ? dot / cross : Double.NaN;
    }
}
