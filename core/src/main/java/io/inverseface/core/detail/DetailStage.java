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
            DetailLinearisation lin = DetailLinearisation.at(positions, t, inc, n0, rho, light, r, visible, rows, 3 * m, observed, d);
            if (round == 0) {
                robust = lin.huberWeights(options.robustThreshold());
            }
            lin = lin.weighted(robust);
            double[] x;
            int iterations;
            boolean converged;
            double objective;
            if (options.regulariser() == DetailOptions.Regulariser.L1) {
                // Scale the whole objective by c = 1/mean(diag AᵀA) (same minimiser): ADMM's penalty ρ then
                // starts at the problem's own scale instead of hundreds of residual-balancing steps away.
                double c = 1.0 / DetailLinearisation.meanColumnSquare(lin.a());
                double sc = Math.sqrt(c);
                DMatrixSparseCSC scaled = lin.a().copy();
                for (int k = 0; k < scaled.nz_length; k++) {
                    scaled.nz_values[k] *= sc;
                }
                double[] bs = lin.b().clone();
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
            DetailLinearisation.multiply(lin.a(), x, ax);
            double after = 0;
            for (int k = 0; k < ax.length; k++) {
                after += (ax[k] - lin.b()[k]) * (ax[k] - lin.b()[k]);
            }
            double limit = options.maxDisplacement();
            for (int i = 0; i < n; i++) {
                d[i] = Math.max(-limit, Math.min(limit, x[i]));
                for (int c = 0; c < 3; c++) {
                    positions[3 * i + c] = (float) (base[3 * i + c] + n0[3 * i + c] * d[i]);
                }
            }
            rounds.add(new DetailResult.DetailRound(lin.rms(), Math.sqrt(after / ax.length), iterations,
                    converged, objective, (System.nanoTime() - tr) * 1e-9));
            LOG.debug("detail round {}: RGB rms {} -> {}, {} ADMM iterations", round, lin.rms(), Math.sqrt(after / ax.length),
                    iterations);
        }
        float[] refined = new AlbedoRefinement(options.albedoBlend(), options.minShading())
                .refine(positions, t, rho, light, r, visible, observed);
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

    /** L2 variant: (AᵀA + μ1·I + μ2·LᵀL)·d = Aᵀb by one sparse Cholesky solve. */
    private double[] solveL2(DetailLinearisation lin, DMatrixSparseCSC lap) {
        int n = lin.a().numCols;
        DMatrixSparseCSC at = org.ejml.sparse.csc.CommonOps_DSCC.transpose(lin.a(), null, null);
        DMatrixSparseCSC ata = org.ejml.sparse.csc.CommonOps_DSCC.mult(at, lin.a(), null);
        DMatrixSparseCSC lt = org.ejml.sparse.csc.CommonOps_DSCC.transpose(lap, null, null);
        DMatrixSparseCSC ltl = org.ejml.sparse.csc.CommonOps_DSCC.mult(lt, lap, null);
        DMatrixSparseCSC eye = org.ejml.sparse.csc.CommonOps_DSCC.identity(n);
        DMatrixSparseCSC m = org.ejml.sparse.csc.CommonOps_DSCC.add(1.0, ata, options.mu2(), ltl, null, null, null);
        m = org.ejml.sparse.csc.CommonOps_DSCC.add(1.0, m, options.mu1(), eye, null, null, null);
        double[] rhs = new double[n];
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int k = lin.a().col_idx[j]; k < lin.a().col_idx[j + 1]; k++) {
                sum += lin.a().nz_values[k] * lin.b()[lin.a().nz_rows[k]];
            }
            rhs[j] = sum;
        }
        double[] x = new double[n];
        io.inverseface.optim.sparse.SparseCholesky.factor(m, io.inverseface.optim.sparse.FillReducingOrdering.NESTED_DISSECTION)
                .solve(rhs, x);
        return x;
    }

    /** Incident faces per vertex (CSR). */
}
