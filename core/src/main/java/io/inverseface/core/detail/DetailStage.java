package io.inverseface.core.detail;

import io.inverseface.optim.sparse.L1Problem;
import io.inverseface.optim.sparse.L1Solution;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.sparse.L1Solver;
import io.inverseface.optim.sparse.L1SolverOptions;
import io.inverseface.render.Mesh;
import io.inverseface.render.Pose;
import io.inverseface.render.Rasterizer;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import io.inverseface.render.VertexFaces;
import io.inverseface.render.VisibilityBuffer;
import io.inverseface.render.Camera;
import io.inverseface.render.CotangentLaplacian;
import io.inverseface.render.WeakPerspectiveCamera;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detail stage (Jiang et al. 2018, §IV-B): per-vertex displacements {@code p̂ = p + n·d} along the
 * coarse normals of the subdivided face region, minimising
 * {@code E(d) = E_con + μ1‖d‖² + μ2‖L·d‖₁}. Lighting and albedo come from the coarse stage. The shading
 * {@code C_i = ρ_i·Lᵀφ(R·n_i(d))} depends on d through the normals of the one-ring, so each round
 * linearises it at the current d ({@code ∂N_i/∂p_a·δ = δ×(b−c)} per incident face (a, b, c)) and hands
 * the sparse problem to the ADMM {@link L1Solver}, warm-started from the previous round. The albedo is
 * then refined: {@code ρ_f = C_I / Lᵀφ(n)}, blended {@code β·ρ_c + (1−β)·ρ_f}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DetailStage {

    /** Skin probability below which the detail stage ignores a vertex's pixel. */
    public static final double MIN_SKIN = 0.5;
    /** Rings of vertices around masked ones that the detail stage leaves out as well. */
    static final int MASK_RINGS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(DetailStage.class);
    /** Depth slack for visibility, millimetres. */
    private static final double DEPTH_TOLERANCE_MM = 0.75;
    /** Minimum z of the view-space normal for a vertex to count as seen (cos ≈ 78°). */
    private static final double MIN_FACING = 0.2;

    private final DetailOptions options;
    private final L1SolverOptions solverOptions;
    private final LinearAlgebraBackend backend;
    private final Rasterizer rasterizer = Rasterizer.create();

    public DetailStage(DetailOptions options) {
        this(options, (LinearAlgebraBackend) null);
    }

    /**
     * @param backend on a device backend the L1 solve (IRLS-PCG) runs there (float kernels), stages sharing
     *                the backend taking turns; null or the CPU backend: on the CPU
     */
    public DetailStage(DetailOptions options, LinearAlgebraBackend backend) {
        // IRLS with warm-started, matrix-free PCG: no factorisation, ~10× faster than ADMM on this problem class
        // for an objective within 0.2 % (see docs/benchmarks-optim.md).
        this(options, L1SolverOptions.builder().method(L1SolverOptions.L1Method.IRLS_PCG).irlsMaxReweightings(6).build(),
                backend);
    }

    public DetailStage(DetailOptions options, L1SolverOptions solverOptions) {
        this(options, solverOptions, null);
    }

    public DetailStage(DetailOptions options, L1SolverOptions solverOptions, LinearAlgebraBackend backend) {
        this.options = options;
        this.solverOptions = solverOptions;
        this.backend = backend;
    }

    public DetailOptions options() {
        return options;
    }

    /** The L1 solve, on the backend's device for IRLS-PCG when there is one (CPU again if the device fails). */
    private L1Solution solveL1(L1Solver cpu, L1Problem problem, L1Solution warm) {
        if (backend instanceof DeviceResidentBackend device
                && solverOptions.method() == L1SolverOptions.L1Method.IRLS_PCG) {
            synchronized (backend) {
                try {
                    return new L1Solver(solverOptions, device.compute()).solve(problem, warm);
                } catch (RuntimeException e) {
                    LOG.warn("detail L1 solve on {} failed ({}); solving on the CPU", backend.name(), e.toString());
                }
            }
        }
        return cpu.solve(problem, warm);
    }

    /**
     * @param vertices        the coarse shape, xyz per model vertex (millimetres)
     * @param albedo          the coarse albedo, RGB per model vertex
     * @param regionTriangles the face region's triangles (model vertex triples) to refine
     * @param lighting        SH lighting from the coarse stage
     * @param pose            weak-perspective pose (full-resolution pixels)
     * @param image           the photo, colours in [0, 1]
     */
    public DetailResult refine(float[] vertices, float[] albedo, int[] regionTriangles, SphericalHarmonicsLighting lighting,
                               Pose pose, RgbImage image) {
        return refine(vertices, albedo, regionTriangles, lighting,
                new WeakPerspectiveCamera(pose, image.width(), image.height()), image);
    }

    /** As above, seen through the coarse fit's camera (weak perspective or pinhole, full-resolution pixels). */
    public DetailResult refine(float[] vertices, float[] albedo, int[] regionTriangles, SphericalHarmonicsLighting lighting,
                               Camera camera, RgbImage image) {
        return refine(vertices, albedo, regionTriangles, lighting, camera, image, null);
    }

    /**
     * As above, leaving out of the data every vertex where {@code skinMask} (the photo's size, see
     * {@link io.inverseface.core.coarse.SkinMask}) is below {@value #MIN_SKIN}: glasses, a fringe or a beard
     * there become neither detail ridges nor texture; the regularisers carry the surface across, and the
     * coarse albedo stays. Null for no mask.
     */
    public DetailResult refine(float[] vertices, float[] albedo, int[] regionTriangles, SphericalHarmonicsLighting lighting,
                               Camera camera, RgbImage image, RgbImage skinMask) {
        Pose pose = camera.pose();
        long t0 = System.nanoTime();
        RegionMesh region = RegionMesh.of(regionTriangles, vertices.length / 3);
        int[] regionVertices = region.modelVertices();
        float[] p0 = region.gather(vertices), rho0 = region.gather(albedo);
        int[] tri = region.triangles();
        SubdividedMesh fine = LoopSubdivision.subdivide(p0, tri, options.subdivisions());
        float[] base = fine.positions();
        int[] t = fine.triangles();
        int n = fine.vertexCount();
        float[] rho = fine.carry(rho0, 3);
        float[] n0 = new float[3 * n];
        Mesh.vertexNormals(base, t, n0);

        // What the photo shows at each vertex, and which vertices it shows at all.
        boolean[] visible = visibility(base, t, n0, camera);
        // The region's border (and the eye and mouth openings) have one-sided normals that no displacement
        // can fix and sample the background or the eyes: keep BORDER_RINGS rings around them out of the data.
        excludeBorder(t, fine.vertexCount(), visible, options.borderRings());
        if (skinMask != null) {
            excludeMasked(base, t, visible, camera, skinMask);
        }
        double[] observed = new double[3 * n];
        sampleObserved(base, visible, camera, image, observed);
        int[] rows = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            rows[i] = visible[i] ? m++ : -1;
        }
        VertexFaces inc = VertexFaces.of(t, n);
        DMatrixSparseCSC lap = CotangentLaplacian.of(base, t).rowNormalised();
        double[] r = new double[9];
        pose.rotation(r);
        double[] light = lighting.coefficients();
        double[] d = new double[n];
        float[] positions = base.clone();
        L1Solver solver = new L1Solver(solverOptions);
        L1Solution warm = null;
        double[] robust = null;
        List<DetailResult.DetailRound> rounds = new ArrayList<>();
        for (int round = 0; round < options.rounds() && m > 0; round++) {
            long tr = System.nanoTime();
            if (round > 0) {
                // The displaced vertex projects elsewhere than the coarse one (up to a few pixels on oblique
                // surfaces): compare each vertex's shading with the photo where the vertex now is.
                sampleObserved(positions, visible, camera, image, observed);
            }
            Linearisation lin = linearise(positions, t, inc, n0, rho, light, r, visible, rows, 3 * m, observed, d);
            if (round == 0) {
                robust = huberWeights(lin, options.robustThreshold());
            }
            lin = lin.weighted(robust);
            double[] x;
            int iterations;
            boolean converged;
            double objective;
            if (options.regulariser() == DetailOptions.Regulariser.L1) {
                // Scale the whole objective by c = 1/mean(diag AᵀA) (same minimiser): ADMM's penalty ρ then
                // starts at the problem's own scale instead of hundreds of residual-balancing steps away.
                double c = 1.0 / meanColumnSquare(lin.a);
                double sc = Math.sqrt(c);
                DMatrixSparseCSC scaled = lin.a.copy();
                for (int k = 0; k < scaled.nz_length; k++) {
                    scaled.nz_values[k] *= sc;
                }
                double[] bs = lin.b.clone();
                for (int k = 0; k < bs.length; k++) {
                    bs[k] *= sc;
                }
                L1Problem problem = new L1Problem(scaled, bs, c * options.mu1(), c * options.mu2(), lap);
                L1Solution solution = solveL1(solver, problem, warm);
                warm = solution;
                x = solution.x();
                iterations = solution.iterations();
                converged = solution.converged();
                objective = solution.objective() / c;
            } else {
                x = solveL2(lin, lap);
                iterations = 1;
                converged = true;
                objective = Double.NaN;
            }
            double[] ax = new double[3 * m];
            multiply(lin.a, x, ax);
            double after = 0;
            for (int k = 0; k < ax.length; k++) {
                after += (ax[k] - lin.b[k]) * (ax[k] - lin.b[k]);
            }
            double limit = options.maxDisplacement();
            for (int i = 0; i < n; i++) {
                d[i] = Math.max(-limit, Math.min(limit, x[i]));
                for (int c = 0; c < 3; c++) {
                    positions[3 * i + c] = (float) (base[3 * i + c] + n0[3 * i + c] * d[i]);
                }
            }
            rounds.add(new DetailResult.DetailRound(lin.rms, Math.sqrt(after / ax.length), iterations,
                    converged, objective, (System.nanoTime() - tr) * 1e-9));
            LOG.debug("detail round {}: RGB rms {} -> {}, {} ADMM iterations", round, lin.rms, Math.sqrt(after / ax.length),
                    iterations);
        }
        float[] refined = refineAlbedo(positions, t, rho, light, r, visible, observed);
        float[] disp = new float[n];
        for (int i = 0; i < n; i++) {
            disp[i] = (float) d[i];
        }
        return new DetailResult(regionVertices, fine, disp, positions, n0, rho, refined, visible, rounds,
                (System.nanoTime() - t0) * 1e-9);
    }

    /**
     * Marks invisible every vertex whose projection the skin mask gives less than {@value #MIN_SKIN}, and
     * {@value #MASK_RINGS} rings around them: an occluder's rim blends into the pixels next to it.
     */
    private static void excludeMasked(float[] p, int[] t, boolean[] visible, Camera camera, RgbImage mask) {
        float[] screen = new float[3];
        double[] rgb = new double[3];
        boolean[] masked = new boolean[visible.length];
        for (int i = 0; i < visible.length; i++) {
            if (visible[i]) {
                camera.project(p[3 * i], p[3 * i + 1], p[3 * i + 2], screen, 0);
                mask.sampleBilinear(screen[0], screen[1], rgb);
                masked[i] = rgb[0] < MIN_SKIN;
            }
        }
        masked = grow(t, masked, MASK_RINGS);
        for (int i = 0; i < visible.length; i++) {
            visible[i] &= !masked[i];
        }
    }

    /** The photo's colour at the projection of every visible vertex (bilinear). */
    private static void sampleObserved(float[] p, boolean[] visible, Camera camera, RgbImage image,
                                       double[] observed) {
        float[] screen = new float[3];
        double[] rgb = new double[3];
        for (int i = 0; i < visible.length; i++) {
            if (visible[i]) {
                camera.project(p[3 * i], p[3 * i + 1], p[3 * i + 2], screen, 0);
                image.sampleBilinear(screen[0], screen[1], rgb);
                System.arraycopy(rgb, 0, observed, 3 * i, 3);
            }
        }
    }

    private boolean[] visibility(float[] p, int[] t, float[] normals, Camera camera) {
        int w = camera.width(), h = camera.height();
        VisibilityBuffer vis = new VisibilityBuffer(w, h);
        rasterizer.rasterize(new Mesh(p, t), camera, vis);
        float[] depth = vis.depth();
        int[] ids = vis.triangleId();
        // Weak perspective keeps depth in pixels, a pinhole in millimetres from the camera.
        double tol = DEPTH_TOLERANCE_MM * (camera.perspective() ? 1.0 : Math.abs(camera.pose().scale()));
        boolean[] out = new boolean[p.length / 3];
        float[] s = new float[3];
        double[] nv = new double[3];
        for (int i = 0; i < out.length; i++) {
            camera.project(p[3 * i], p[3 * i + 1], p[3 * i + 2], s, 0);
            int x = (int) Math.floor(s[0]), y = (int) Math.floor(s[1]);
            if (x < 0 || y < 0 || x >= w || y >= h) {
                continue;
            }
            int idx = y * w + x;
            if (ids[idx] == VisibilityBuffer.EMPTY || s[2] > depth[idx] + tol) {
                continue;
            }
            camera.rotateToView(normals[3 * i], normals[3 * i + 1], normals[3 * i + 2], nv);
            out[i] = nv[2] >= MIN_FACING;
        }
        return out;
    }

    /** The sparse data term at the current displacement: rows (vertex, channel) of visible vertices. */
    record Linearisation(DMatrixSparseCSC a, double[] b, double rms) {
        /** Rows (vertex, channel) scaled by the vertex's robust weight (√ of the IRLS weight). */
        Linearisation weighted(double[] vertexWeights) {
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
            return new Linearisation(wa, wb, rms);
        }
    }

    /**
     * Huber IRLS weights per visible vertex from the residual at d = 0 (A·0 − b = −b): colour errors the
     * coarse fit could not explain beyond δ — hair, eyebrows, specular highlights — are mostly albedo,
     * not geometry, so they pull the displacement with weight √(δ/e) instead of 1.
     */
    static double[] huberWeights(Linearisation lin, double delta) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            return null;
        }
        int m = lin.b.length / 3;
        double[] w = new double[m];
        for (int v = 0; v < m; v++) {
            double e2 = 0;
            for (int c = 0; c < 3; c++) {
                double res = lin.b[3 * v + c];
                e2 += res * res;
            }
            double e = Math.sqrt(e2);
            w[v] = e <= delta ? 1.0 : Math.sqrt(delta / e);
        }
        return w;
    }

    /** Marks vertices within {@code rings} edges of the mesh border as unseen. */
    static void excludeBorder(int[] t, int n, boolean[] visible, int rings) {
        java.util.Map<Long, Integer> edgeCount = new java.util.HashMap<>();
        for (int f = 0; f < t.length; f += 3) {
            for (int e = 0; e < 3; e++) {
                int a = t[f + e], b = t[f + (e + 1) % 3];
                edgeCount.merge(((long) Math.min(a, b) << 32) | Math.max(a, b), 1, Integer::sum);
            }
        }
        boolean[] border = new boolean[n];
        for (java.util.Map.Entry<Long, Integer> e : edgeCount.entrySet()) {
            if (e.getValue() == 1) {
                border[(int) (e.getKey() >>> 32)] = true;
                border[(int) (e.getKey() & 0xffffffffL)] = true;
            }
        }
        border = grow(t, border, rings);
        for (int i = 0; i < n; i++) {
            if (border[i]) {
                visible[i] = false;
            }
        }
    }

    /** {@code set} grown by {@code rings} rings of the mesh's triangles. */
    static boolean[] grow(int[] t, boolean[] set, int rings) {
        for (int ring = 0; ring < rings; ring++) {
            boolean[] grown = set.clone();
            for (int f = 0; f < t.length; f += 3) {
                if (set[t[f]] || set[t[f + 1]] || set[t[f + 2]]) {
                    grown[t[f]] = grown[t[f + 1]] = grown[t[f + 2]] = true;
                }
            }
            set = grown;
        }
        return set;
    }

    static Linearisation linearise(float[] p, int[] t, VertexFaces inc, float[] n0, float[] rho, double[] light,
                                           double[] r, boolean[] visible, int[] rows, int m, double[] observed, double[] d) {
        int n = p.length / 3;
        DMatrixSparseTriplet a = new DMatrixSparseTriplet(m, n, m * 18);
        double[] residual = new double[m];
        double[] phi = new double[9], dphi = new double[27];
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
            for (int c = 0; c < 3; c++) {
                double shade = 0, hx = 0, hy = 0, hz = 0;
                for (int k = 0; k < 9; k++) {
                    double l = light[9 * c + k];
                    shade += l * phi[k];
                    hx += l * dphi[3 * k];
                    hy += l * dphi[3 * k + 1];
                    hz += l * dphi[3 * k + 2];
                }
                double rc = rho[3 * i + c];
                double res = rc * shade - observed[3 * i + c];
                residual[row0 + c] = res;
                sumSq += res * res;
                // g = ∂C/∂N = ρ·(I − n̂n̂ᵀ)/|N| · Rᵀh.
                double qx = r[0] * hx + r[3] * hy + r[6] * hz;
                double qy = r[1] * hx + r[4] * hy + r[7] * hz;
                double qz = r[2] * hx + r[5] * hy + r[8] * hz;
                double dot = mx * qx + my * qy + mz * qz;
                double gx = rc * (qx - mx * dot) / len, gy = rc * (qy - my * dot) / len, gz = rc * (qz - mz * dot) / len;
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
        return new Linearisation(matrix, b, Math.sqrt(sumSq / Math.max(1, m)));
    }

    /** ρ = β·ρ_c + (1−β)·C_I / shading where the vertex is seen and well lit; ρ_c elsewhere. */
    private float[] refineAlbedo(float[] p, int[] t, float[] rho, double[] light, double[] r, boolean[] visible,
                                 double[] observed) {
        int n = p.length / 3;
        float[] normals = new float[3 * n];
        Mesh.vertexNormals(p, t, normals);
        float[] out = rho.clone();
        double[] phi = new double[9];
        double beta = options.albedoBlend();
        for (int i = 0; i < n; i++) {
            if (!visible[i]) {
                continue;
            }
            double mx = normals[3 * i], my = normals[3 * i + 1], mz = normals[3 * i + 2];
            SphericalHarmonicsLighting.basis(r[0] * mx + r[1] * my + r[2] * mz, r[3] * mx + r[4] * my + r[5] * mz,
                    r[6] * mx + r[7] * my + r[8] * mz, phi);
            for (int c = 0; c < 3; c++) {
                double shade = 0;
                for (int k = 0; k < 9; k++) {
                    shade += light[9 * c + k] * phi[k];
                }
                if (shade < options.minShading()) {
                    continue;
                }
                double fineAlbedo = Math.min(1.0, Math.max(0.0, observed[3 * i + c] / shade));
                out[3 * i + c] = (float) (beta * rho[3 * i + c] + (1 - beta) * fineAlbedo);
            }
        }
        return out;
    }

    /** L2 variant: (AᵀA + μ1·I + μ2·LᵀL)·d = Aᵀb by one sparse Cholesky solve. */
    private double[] solveL2(Linearisation lin, DMatrixSparseCSC lap) {
        int n = lin.a.numCols;
        DMatrixSparseCSC at = org.ejml.sparse.csc.CommonOps_DSCC.transpose(lin.a, null, null);
        DMatrixSparseCSC ata = org.ejml.sparse.csc.CommonOps_DSCC.mult(at, lin.a, null);
        DMatrixSparseCSC lt = org.ejml.sparse.csc.CommonOps_DSCC.transpose(lap, null, null);
        DMatrixSparseCSC ltl = org.ejml.sparse.csc.CommonOps_DSCC.mult(lt, lap, null);
        DMatrixSparseCSC eye = org.ejml.sparse.csc.CommonOps_DSCC.identity(n);
        DMatrixSparseCSC m = org.ejml.sparse.csc.CommonOps_DSCC.add(1.0, ata, options.mu2(), ltl, null, null, null);
        m = org.ejml.sparse.csc.CommonOps_DSCC.add(1.0, m, options.mu1(), eye, null, null, null);
        double[] rhs = new double[n];
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int k = lin.a.col_idx[j]; k < lin.a.col_idx[j + 1]; k++) {
                sum += lin.a.nz_values[k] * lin.b[lin.a.nz_rows[k]];
            }
            rhs[j] = sum;
        }
        double[] x = new double[n];
        io.inverseface.optim.sparse.SparseCholesky.factor(m, io.inverseface.optim.sparse.FillReducingOrdering.NESTED_DISSECTION)
                .solve(rhs, x);
        return x;
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

    /** Incident faces per vertex (CSR). */
}
