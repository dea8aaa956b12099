package io.inverseface.core.model;

import io.inverseface.optim.sparse.GeneralizedEigenSolver;
import io.inverseface.render.CotangentLaplacian;
import java.util.Arrays;
import org.ejml.data.DMatrixSparseCSC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generic albedo model for face meshes that come without one (such as the ICT Face Model
 * Light). It is a hand-made prior, not learnt from scans: users holding a Basel Face Model
 * licence can load the BFM 2017 albedo ({@code .h5}) through another {@link FaceModelLoader}
 * instead.
 * <p>
 * <b>Mean.</b> A plausible skin colour, varied by region located from the 68 landmark vertices
 * with Euclidean distances on the mean shape and smooth falloffs: redder lips, darker eyebrows
 * and lash lines, slightly redder cheeks, a lighter nose tip; the weights are then smoothed over
 * the mesh so every transition is gradual.
 * <p>
 * <b>Basis.</b> The first {@code k} eigenvectors {@code φ_j} of the cotangent Laplacian,
 * {@code L φ = λ M φ} with the lumped mass matrix (normalised to total mass 1), are the
 * smoothest fields on the surface. Each gives three modes {@code φ_j ⊗ c_m} with orthonormal
 * colour directions: {@code c_1} along the mean skin colour (lighter/darker skin), {@code c_2}
 * the part of pure red orthogonal to it (redness), {@code c_3 = c_1 × c_2}. Modes are ordered
 * eigenvector-major ({@code 3j + m}), are orthonormal in the M-inner product
 * {@code Σ_v M_vv Σ_c a[3v+c] b[3v+c]}, and have prior deviations
 * {@code σ_{j,m} = s_m / √(1 + λ_j/λ_1)}, decreasing with the eigenvalue, with
 * {@code s = (0.10, 0.05, 0.03)}.
 * <p>
 * <b>Eigenvectors</b> of the {@link CotangentLaplacian} come from optim's
 * {@link GeneralizedEigenSolver} (block inverse iteration with an envelope Cholesky factor).
 */
public final class GenericAlbedoPrior {
    /** Default number of Laplacian eigenvectors (3 modes each). */
    public static final int DEFAULT_EIGENVECTORS = 40;

    private static final Logger LOG = LoggerFactory.getLogger(GenericAlbedoPrior.class);
    private static final double[] SIGMA_SCALE = {0.08, 0.025, 0.015};
    private static final float[] SKIN = {0.74f, 0.55f, 0.45f};
    private static final float[] LIPS = {0.64f, 0.30f, 0.30f};
    private static final float[] BROWS = {0.36f, 0.27f, 0.22f};
    private static final float[] CHEEK_TINT = {0.04f, -0.02f, -0.01f};
    private static final float NOSE_TIP_LIFT = 0.04f;
    private static final float LASH_DARKEN = 0.25f;

    private GenericAlbedoPrior() {
    }

    /**
     * The albedo basis of a mesh: mean colour plus {@code 3·eigenvectors} smooth modes.
     *
     * @param positions    mean shape, xyz per vertex in millimetres
     * @param triangles    vertex index triples
     * @param landmarks68  iBUG-68 landmark vertex indices
     * @param eigenvectors number of Laplacian eigenvectors k (each gives 3 modes)
     */
    public static Basis compute(float[] positions, int[] triangles, int[] landmarks68, int eigenvectors) {
        return compute(positions, triangles, landmarks68, eigenvectors, new EigenpairCache(null));
    }

    /** As {@link #compute(float[], int[], int[], int)}, with the eigenpairs from {@code cache} when it has them. */
    static Basis compute(float[] positions, int[] triangles, int[] landmarks68, int eigenvectors, EigenpairCache cache) {
        if (landmarks68.length != 68) {
            throw new IllegalArgumentException("need 68 landmark vertices, got " + landmarks68.length);
        }
        int n = positions.length / 3;
        int spare = GeneralizedEigenSolver.SPARE_VECTORS;
        if (eigenvectors < 1 || eigenvectors + spare > n) {
            throw new IllegalArgumentException("eigenvector count " + eigenvectors + " must be in [1, " + (n - spare) + "]");
        }
        long start = System.nanoTime();
        CotangentLaplacian laplacian = CotangentLaplacian.of(positions, triangles);
        DMatrixSparseCSC l = laplacian.matrix();
        float[] mean = meanAlbedo(positions, l, landmarks68);
        GeneralizedEigenSolver.Eigenpairs eigen = cache.get(positions, triangles, eigenvectors,
                () -> smallestEigenvectors(laplacian, eigenvectors));
        float[][] colours = colourDirections();
        double lambda1 = eigen.values().length > 1 && eigen.values()[1] > 0 ? eigen.values()[1] : 1.0;
        float[] modes = new float[3 * eigenvectors * 3 * n];
        double[] sigma = new double[3 * eigenvectors];
        String[] names = new String[3 * eigenvectors];
        String[] channel = {"luminance", "redness", "chroma"};
        for (int j = 0; j < eigenvectors; j++) {
            // σ ∝ 1/(1 + λ_j/λ_1): high-frequency colour variation is rarer than smooth shading of the skin.
            double falloff = 1.0 / (1.0 + Math.max(0.0, eigen.values()[j]) / lambda1);
            double[] phi = eigen.vectors()[j];
            for (int m = 0; m < 3; m++) {
                int mode = 3 * j + m;
                sigma[mode] = SIGMA_SCALE[m] * falloff;
                names[mode] = channel[m] + "_" + j;
                int off = mode * 3 * n;
                for (int v = 0; v < n; v++) {
                    for (int c = 0; c < 3; c++) {
                        modes[off + 3 * v + c] = (float) (phi[v] * colours[m][c]);
                    }
                }
            }
        }
        LOG.debug("Generic albedo prior: {} eigenvectors on {} vertices in {} ms", eigenvectors, n, (System.nanoTime() - start) / 1_000_000);
        return new Basis(mean, modes, sigma, Arrays.asList(names));
    }

    /** Orthonormal colour directions: skin luminance, redness, and their cross product. */
    static float[][] colourDirections() {
        double[] c1 = normalise(new double[] {SKIN[0], SKIN[1], SKIN[2]});
        double[] red = {1, 0, 0};
        double d = c1[0];
        double[] c2 = normalise(new double[] {red[0] - d * c1[0], red[1] - d * c1[1], red[2] - d * c1[2]});
        double[] c3 = {c1[1] * c2[2] - c1[2] * c2[1], c1[2] * c2[0] - c1[0] * c2[2], c1[0] * c2[1] - c1[1] * c2[0]};
        float[][] out = new float[3][3];
        for (int c = 0; c < 3; c++) {
            out[0][c] = (float) c1[c];
            out[1][c] = (float) c2[c];
            out[2][c] = (float) c3[c];
        }
        return out;
    }

    private static double[] normalise(double[] a) {
        double s = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        return new double[] {a[0] / s, a[1] / s, a[2] / s};
    }

    // ---------------------------------------------------------------- mean albedo

    /** The smallest {@code k} eigenpairs of {@code L φ = λ M φ}: the smoothest fields on the mesh. */
    static GeneralizedEigenSolver.Eigenpairs smallestEigenvectors(CotangentLaplacian laplacian, int k) {
        return GeneralizedEigenSolver.smallest(laplacian.matrix(), laplacian.mass(), k);
    }

    /** @param mesh the Laplacian, for its pattern (each vertex and its neighbours) */
    static float[] meanAlbedo(float[] p, DMatrixSparseCSC mesh, int[] lm) {
        int n = p.length / 3;
        double[] lips = new double[n], brows = new double[n], lashes = new double[n], cheeks = new double[n], nose = new double[n];
        int[] outerLip = range(lm, 48, 59);
        int[] innerLip = range(lm, 60, 67);
        double[] rightCheek = centroid(p, lm[2], lm[31], lm[41]);
        double[] leftCheek = centroid(p, lm[14], lm[35], lm[46]);
        for (int v = 0; v < n; v++) {
            double x = p[3 * v], y = p[3 * v + 1], z = p[3 * v + 2];
            // Lips: inside the outer lip contour (seen from the front) and near it in depth, outside the inner one.
            boolean inOuter = insideXY(p, outerLip, x, y) && z > minZ(p, outerLip) - 6.0;
            boolean inInner = insideXY(p, innerLip, x, y);
            double dOuter = distanceToLoop(p, outerLip, x, y, z, true);
            lips[v] = inOuter && !inInner ? 1.0 : soft(dOuter, 1.0, 3.5);
            brows[v] = Math.max(soft(distanceToLoop(p, range(lm, 17, 21), x, y, z, false), 2.5, 7.0),
                    soft(distanceToLoop(p, range(lm, 22, 26), x, y, z, false), 2.5, 7.0));
            lashes[v] = Math.max(soft(distanceToLoop(p, range(lm, 36, 41), x, y, z, true), 0.5, 2.5),
                    soft(distanceToLoop(p, range(lm, 42, 47), x, y, z, true), 0.5, 2.5));
            cheeks[v] = Math.max(soft(dist(p, v, rightCheek), 8.0, 24.0), soft(dist(p, v, leftCheek), 8.0, 24.0));
            nose[v] = soft(dist(p, v, p[3 * lm[30]], p[3 * lm[30] + 1], p[3 * lm[30] + 2]), 2.0, 10.0);
        }
        // A few neighbour-averaging passes soften every boundary over the surface.
        for (double[] w : new double[][] {lips, brows, lashes, cheeks, nose}) {
            smooth(mesh, w, 2);
        }
        float[] out = new float[3 * n];
        for (int v = 0; v < n; v++) {
            for (int c = 0; c < 3; c++) {
                double skin = SKIN[c] + cheeks[v] * CHEEK_TINT[c] + nose[v] * NOSE_TIP_LIFT;
                double col = skin + lips[v] * (LIPS[c] - skin);
                col = col + brows[v] * (BROWS[c] - col);
                col = col * (1.0 - LASH_DARKEN * lashes[v]);
                out[3 * v + c] = (float) Math.max(0.0, Math.min(1.0, col));
            }
        }
        return out;
    }

    /** Averages each vertex with its neighbours (its column of the symmetric pattern), {@code passes} times. */
    private static void smooth(DMatrixSparseCSC mesh, double[] w, int passes) {
        int n = w.length;
        double[] tmp = new double[n];
        int[] rs = mesh.col_idx;
        int[] cols = mesh.nz_rows;
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                int count = rs[i + 1] - rs[i];
                for (int k = rs[i]; k < rs[i + 1]; k++) {
                    s += w[cols[k]];
                }
                tmp[i] = s / count;
            }
            System.arraycopy(tmp, 0, w, 0, n);
        }
    }

    /** 1 for d ≤ inner, 0 for d ≥ outer, smoothstep between. */
    private static double soft(double d, double inner, double outer) {
        if (d <= inner) {
            return 1.0;
        }
        if (d >= outer) {
            return 0.0;
        }
        double t = (outer - d) / (outer - inner);
        return t * t * (3 - 2 * t);
    }

    private static int[] range(int[] lm, int from, int to) {
        return Arrays.copyOfRange(lm, from, to + 1);
    }

    private static double[] centroid(float[] p, int a, int b, int c) {
        return new double[] {(p[3 * a] + p[3 * b] + p[3 * c]) / 3.0, (p[3 * a + 1] + p[3 * b + 1] + p[3 * c + 1]) / 3.0,
                (p[3 * a + 2] + p[3 * b + 2] + p[3 * c + 2]) / 3.0};
    }

    private static double dist(float[] p, int v, double[] q) {
        return dist(p, v, q[0], q[1], q[2]);
    }

    private static double dist(float[] p, int v, double qx, double qy, double qz) {
        double dx = p[3 * v] - qx, dy = p[3 * v + 1] - qy, dz = p[3 * v + 2] - qz;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static double minZ(float[] p, int[] loop) {
        double m = Double.MAX_VALUE;
        for (int i : loop) {
            m = Math.min(m, p[3 * i + 2]);
        }
        return m;
    }

    /** Even-odd point-in-polygon test in the frontal (x, y) plane. */
    private static boolean insideXY(float[] p, int[] loop, double x, double y) {
        boolean inside = false;
        for (int a = 0, b = loop.length - 1; a < loop.length; b = a++) {
            double xa = p[3 * loop[a]], ya = p[3 * loop[a] + 1], xb = p[3 * loop[b]], yb = p[3 * loop[b] + 1];
            if ((ya > y) != (yb > y) && x < (xb - xa) * (y - ya) / (yb - ya) + xa) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** Euclidean distance from (x, y, z) to a polyline through landmark vertices (closed if asked). */
    private static double distanceToLoop(float[] p, int[] loop, double x, double y, double z, boolean closed) {
        double best = Double.MAX_VALUE;
        int segments = closed ? loop.length : loop.length - 1;
        for (int s = 0; s < segments; s++) {
            int a = loop[s], b = loop[(s + 1) % loop.length];
            double ax = p[3 * a], ay = p[3 * a + 1], az = p[3 * a + 2];
            double ex = p[3 * b] - ax, ey = p[3 * b + 1] - ay, ez = p[3 * b + 2] - az;
            double len2 = ex * ex + ey * ey + ez * ez;
            double t = len2 > 0 ? ((x - ax) * ex + (y - ay) * ey + (z - az) * ez) / len2 : 0;
            t = Math.max(0, Math.min(1, t));
            double dx = x - ax - t * ex, dy = y - ay - t * ey, dz = z - az - t * ez;
            best = Math.min(best, dx * dx + dy * dy + dz * dz);
        }
        return Math.sqrt(best);
    }
}
