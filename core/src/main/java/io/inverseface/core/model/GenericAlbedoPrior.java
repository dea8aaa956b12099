package io.inverseface.core.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;

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
 * <b>Eigenvectors</b> come from block inverse (subspace) iteration: each step solves
 * {@code (L + εM) X = M X} with a sparse Cholesky factor (envelope storage on a reverse
 * Cuthill–McKee ordering; EJML's CSC Cholesky without a fill-reducing ordering was measured at
 * 0.5 s to factor and 6 ms per right-hand side here, too slow); every iterate is kept and
 * M-orthonormalised, and Rayleigh–Ritz on the small dense {@code QᵀLQ} (EJML) gives the Ritz
 * pairs; a few plain subspace-iteration steps polish them if a residual is still large.
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
    private static final int SPARE_VECTORS = 10;
    private static final int MAX_POLISH = 3;
    private static final int KRYLOV_BLOCK = 8;
    private static final double RESIDUAL_TOLERANCE = 0.2;

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
        if (landmarks68.length != 68) {
            throw new IllegalArgumentException("need 68 landmark vertices, got " + landmarks68.length);
        }
        int n = positions.length / 3;
        if (eigenvectors < 1 || eigenvectors + SPARE_VECTORS > n) {
            throw new IllegalArgumentException("eigenvector count " + eigenvectors + " must be in [1, " + (n - SPARE_VECTORS) + "]");
        }
        long start = System.nanoTime();
        MeshLaplacian laplacian = MeshLaplacian.cotangent(positions, triangles);
        float[] mean = meanAlbedo(positions, laplacian, landmarks68);
        Eigen eigen = smallestEigenvectors(laplacian, eigenvectors);
        float[][] colours = colourDirections();
        double lambda1 = eigen.values.length > 1 && eigen.values[1] > 0 ? eigen.values[1] : 1.0;
        float[] modes = new float[3 * eigenvectors * 3 * n];
        double[] sigma = new double[3 * eigenvectors];
        String[] names = new String[3 * eigenvectors];
        String[] channel = {"luminance", "redness", "chroma"};
        for (int j = 0; j < eigenvectors; j++) {
            // σ ∝ 1/(1 + λ_j/λ_1): high-frequency colour variation is rarer than smooth shading of the skin.
            double falloff = 1.0 / (1.0 + Math.max(0.0, eigen.values[j]) / lambda1);
            double[] phi = eigen.vectors[j];
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

    static float[] meanAlbedo(float[] p, MeshLaplacian mesh, int[] lm) {
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

    private static void smooth(MeshLaplacian mesh, double[] w, int passes) {
        int n = w.length;
        double[] tmp = new double[n];
        int[] rs = mesh.rowStart();
        int[] cols = mesh.columns();
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

    // ---------------------------------------------------------------- eigenvectors

    /** Eigenpairs sorted by ascending eigenvalue; vectors are M-orthonormal. */
    record Eigen(double[] values, double[][] vectors) {
    }

    static Eigen smallestEigenvectors(MeshLaplacian lap, int k) {
        int n = lap.size();
        int[] perm = reverseCuthillMcKee(lap);
        int[] inverse = new int[n];
        for (int i = 0; i < n; i++) {
            inverse[perm[i]] = i;
        }
        long t0 = System.nanoTime();
        EnvelopeCholesky factor = factorShifted(lap, perm, inverse);
        long t1 = System.nanoTime();

        // Block inverse iteration keeping every iterate: the Rayleigh–Ritz space is the block
        // Krylov space span{X0, T X0, T² X0, ...} of T = (L + εM)⁻¹ M, which holds the smallest
        // eigenvectors far more accurately than the last iterate alone.
        int block = Math.max(1, Math.min(KRYLOV_BLOCK, n / 4));
        int dimension = Math.min(n - 1, 2 * k + 2 * SPARE_VECTORS);
        double[][] basis = new double[dimension][];
        Random random = new Random(20180101L);
        int size = 0;
        double[][] current = new double[block][n];
        for (double[] x : current) {
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
            }
        }
        double[] work = new double[n * block];
        while (size < dimension) {
            applyShiftInverse(lap, factor, inverse, current, block, work);
            for (int j = 0; j < block && size < dimension; j++) {
                double[] v = current[j];
                if (massOrthogonaliseAgainst(lap, basis, size, v)) {
                    basis[size++] = v.clone();
                } else {
                    // Krylov space exhausted in this direction: restart it from noise.
                    for (int i = 0; i < n; i++) {
                        v[i] = random.nextGaussian();
                    }
                }
            }
        }
        long t2 = System.nanoTime();
        double[] ritz = new double[dimension];
        double[][] q = rayleighRitz(lap, basis, ritz, new double[n]);
        long t3 = System.nanoTime();
        LOG.debug("Albedo eigenvectors: factor {} ms, Krylov {} ms, Rayleigh-Ritz {} ms",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        // Polish with plain subspace iteration while a residual is still large (rarely needed).
        int p = Math.min(dimension, k + SPARE_VECTORS);
        q = Arrays.copyOf(q, p);
        ritz = Arrays.copyOf(ritz, p);
        int polish = 0;
        while (maxRelativeResidual(lap, q, ritz, k) > RESIDUAL_TOLERANCE && polish++ < MAX_POLISH) {
            applyShiftInverse(lap, factor, inverse, q, p, new double[n * p]);
            massOrthonormalise(lap, q);
            q = rayleighRitz(lap, q, ritz, new double[n]);
        }
        LOG.debug("Laplacian eigenvectors: {} of {} from a {}-dimensional Krylov space, {} polishing steps, "
                + "relative residual {}, envelope {}", k, n, dimension, polish, maxRelativeResidual(lap, q, ritz, k), factor.envelopeSize());
        return new Eigen(Arrays.copyOf(ritz, k), Arrays.copyOf(q, k));
    }

    private static EnvelopeCholesky factorShifted(MeshLaplacian lap, int[] perm, int[] inverse) {
        int n = lap.size();
        int[] rs = lap.rowStart();
        int[] cols = lap.columns();
        double[] vals = lap.values();
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += vals[Arrays.binarySearch(cols, rs[i], rs[i + 1], i)];
        }
        // A tiny shift makes the singular L (constants are in its kernel) positive definite.
        double shift = 1e-8 * trace;
        int[] prs = new int[n + 1];
        int[] pcols = new int[cols.length];
        double[] pvals = new double[cols.length];
        for (int ni = 0; ni < n; ni++) {
            int i = perm[ni];
            int at = prs[ni];
            for (int q = rs[i]; q < rs[i + 1]; q++) {
                pcols[at] = inverse[cols[q]];
                pvals[at] = vals[q] + (cols[q] == i ? shift * lap.massAt(i) : 0.0);
                at++;
            }
            prs[ni + 1] = at;
        }
        return new EnvelopeCholesky(n, prs, pcols, pvals);
    }

    /** {@code x_j ← (L + εM)⁻¹ M x_j} for the first {@code count} vectors, in place. */
    private static void applyShiftInverse(MeshLaplacian lap, EnvelopeCholesky factor, int[] inverse,
                                          double[][] x, int count, double[] work) {
        int n = lap.size();
        for (int i = 0; i < n; i++) {
            double m = lap.massAt(i);
            int row = inverse[i] * count;
            for (int j = 0; j < count; j++) {
                work[row + j] = m * x[j][i];
            }
        }
        factor.solveInPlace(work, count);
        for (int i = 0; i < n; i++) {
            int row = inverse[i] * count;
            for (int j = 0; j < count; j++) {
                x[j][i] = work[row + j];
            }
        }
    }

    /** M-orthogonalises v against the first {@code size} basis vectors (twice) and normalises; false if v vanished. */
    private static boolean massOrthogonaliseAgainst(MeshLaplacian lap, double[][] basis, int size, double[] v) {
        int n = lap.size();
        double[] mass = lap.massArray();
        double before = Math.sqrt(lap.massDot(v, v));
        double[] mv = new double[n];
        double[] coefficients = new double[size];
        // Classical Gram–Schmidt, twice ("twice is enough"): all projections from one M·v.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                mv[i] = mass[i] * v[i];
            }
            for (int l = 0; l < size; l++) {
                coefficients[l] = dot(mv, basis[l], n);
            }
            for (int l = 0; l < size; l++) {
                double d = coefficients[l];
                double[] b = basis[l];
                for (int i = 0; i < n; i++) {
                    v[i] -= d * b[i];
                }
            }
        }
        double norm = Math.sqrt(lap.massDot(v, v));
        if (!(norm > 1e-10 * before)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        return true;
    }

    /** Σ a_i b_i with four partial sums. */
    private static double dot(double[] a, double[] b, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** max_j ‖Lφ_j − λ_j Mφ_j‖_{M⁻¹} / max(λ_j, λ_1) over the first k Ritz pairs. */
    static double maxRelativeResidual(MeshLaplacian lap, double[][] q, double[] ritz, int k) {
        int n = lap.size();
        double[] lx = new double[n];
        double scale = Math.max(ritz.length > 1 ? ritz[1] : 1.0, 1e-12);
        double worst = 0;
        for (int j = 0; j < k; j++) {
            lap.multiply(q[j], lx);
            double s = 0;
            for (int i = 0; i < n; i++) {
                double m = lap.massAt(i);
                double r = lx[i] - ritz[j] * m * q[j][i];
                s += r * r / m;
            }
            worst = Math.max(worst, Math.sqrt(s) / Math.max(ritz[j], scale));
        }
        return worst;
    }

    /** Modified Gram–Schmidt in the M-inner product, twice for stability. */
    private static void massOrthonormalise(MeshLaplacian lap, double[][] q) {
        int n = lap.size();
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < q.length; j++) {
                double[] qj = q[j];
                for (int l = 0; l < j; l++) {
                    double[] ql = q[l];
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += lap.massAt(i) * qj[i] * ql[i];
                    }
                    for (int i = 0; i < n; i++) {
                        qj[i] -= d * ql[i];
                    }
                }
                double norm = Math.sqrt(lap.massDot(qj, qj));
                if (!(norm > 1e-300)) {
                    throw new IllegalStateException("subspace iteration lost rank at vector " + j);
                }
                for (int i = 0; i < n; i++) {
                    qj[i] /= norm;
                }
            }
        }
    }

    /** Rayleigh–Ritz on an M-orthonormal block: diagonalise QᵀLQ, rotate Q, ascending order. */
    private static double[][] rayleighRitz(MeshLaplacian lap, double[][] q, double[] ritz, double[] lx) {
        int p = q.length;
        int n = lap.size();
        DMatrixRMaj small = new DMatrixRMaj(p, p);
        for (int j = 0; j < p; j++) {
            lap.multiply(q[j], lx);
            for (int l = 0; l <= j; l++) {
                double d = dot(q[l], lx, n);
                small.set(j, l, d);
                small.set(l, j, d);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, true, true);
        if (!eig.decompose(small)) {
            throw new IllegalStateException("Rayleigh–Ritz eigen-decomposition failed");
        }
        Integer[] order = new Integer[p];
        for (int j = 0; j < p; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(x).real, eig.getEigenvalue(y).real));
        double[][] rotated = new double[p][n];
        for (int j = 0; j < p; j++) {
            DMatrixRMaj w = eig.getEigenVector(order[j]);
            ritz[j] = eig.getEigenvalue(order[j]).real;
            double[] out = rotated[j];
            for (int l = 0; l < p; l++) {
                double c = w.get(l, 0);
                double[] ql = q[l];
                for (int i = 0; i < n; i++) {
                    out[i] += c * ql[i];
                }
            }
            // Fix the sign so results are reproducible: the largest-magnitude entry is positive.
            int arg = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(out[i]) > Math.abs(out[arg])) {
                    arg = i;
                }
            }
            if (out[arg] < 0) {
                for (int i = 0; i < n; i++) {
                    out[i] = -out[i];
                }
            }
        }
        return rotated;
    }

    /**
     * Reverse Cuthill–McKee ordering of the mesh graph (per connected component, starting from
     * a pseudo-peripheral vertex): {@code perm[newIndex] = oldIndex}. It narrows the band of L,
     * so the Cholesky factor stays sparse without a fill-reducing ordering in the solver.
     */
    static int[] reverseCuthillMcKee(MeshLaplacian lap) {
        int n = lap.size();
        int[][] nb = new int[n][];
        for (int i = 0; i < n; i++) {
            nb[i] = lap.neighbours(i);
        }
        int[] order = new int[n];
        boolean[] placed = new boolean[n];
        int count = 0;
        for (int seed = 0; seed < n; seed++) {
            if (placed[seed]) {
                continue;
            }
            int start = farthest(nb, farthest(nb, seed));
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            placed[start] = true;
            while (!queue.isEmpty()) {
                int v = queue.poll();
                order[count++] = v;
                int[] next = Arrays.stream(nb[v]).filter(u -> !placed[u]).toArray();
                Integer[] boxed = Arrays.stream(next).boxed().toArray(Integer[]::new);
                Arrays.sort(boxed, (x, y) -> Integer.compare(nb[x].length, nb[y].length));
                for (int u : boxed) {
                    placed[u] = true;
                    queue.add(u);
                }
            }
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = order[n - 1 - i];
        }
        return perm;
    }

    /** The last vertex reached by a breadth-first search from {@code start}. */
    private static int farthest(int[][] nb, int start) {
        int n = nb.length;
        boolean[] seen = new boolean[n];
        int[] queue = new int[n];
        int head = 0, tail = 0;
        queue[tail++] = start;
        seen[start] = true;
        int last = start;
        while (head < tail) {
            int v = queue[head++];
            last = v;
            for (int u : nb[v]) {
                if (!seen[u]) {
                    seen[u] = true;
                    queue[tail++] = u;
                }
            }
        }
        return last;
    }
}
