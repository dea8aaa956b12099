package io.inverseface.core.fit.photometric;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.core.fit.PoseBlock;
import io.inverseface.core.fit.Projection;
import io.inverseface.core.fit.VertexMajorBases;
import io.inverseface.optim.device.DeviceTerm;
import io.inverseface.optim.device.DeviceTermEvaluator;
import io.inverseface.render.LambertianShading;
import io.inverseface.render.Pose;
import io.inverseface.render.RgbImage;
import io.inverseface.render.SphericalHarmonicsLighting;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Photo-consistency {@code E_con = 1/|P| Σ_p ‖C_S(p) − C_I(p)‖²} with the synthesised colour
 * {@code C_S = ρ · Lᵀφ(R·n)} (Lambertian, second-order SH), evaluated at a fixed set P of visible,
 * front-facing model vertices projected into the image ({@code C_I} sampled bilinearly) by the
 * weak-perspective pose or the pinhole of a {@link Projection}.
 *
 * <p>Why vertices and not pixels: the narrow face area has ~6.7k vertices, about the pixel count a
 * face covers at the pyramid levels we fit on, so the cost is the same while every residual has a
 * closed-form derivative (no derivative of the rasteriser's coverage), and the sample set only
 * changes when the fitter refreshes visibility between solver calls, as the method prescribes.
 *
 * <p>Derivatives are exact for a fixed sample set, including the dependence of the vertex normal
 * {@code n = N/|N|}, {@code N = Σ_f (b−a)×(c−a)} on the neighbouring vertices:
 * {@code ∂N/∂a·δ = δ×(b−c)} for each incident face (a, b, c).
 *
 * <p>Blocks: pose (6), identity (K_id), expression (K_exp), albedo (K_alb), lighting (27).
 * Residuals: 3 per sample (r, g, b).
 *
 * <p>On a device backend the solver evaluates it with the kernels of
 * {@link PhotoConsistencyDeviceEvaluator} (float, same formulas); this class stays the reference. The
 * image is then uploaded once per image object: do not change its pixels while terms on it are in use.
 */
public final class PhotoConsistencyTerm implements DeviceTerm {

    private static final int CHUNK = 64;

    private final VertexMajorBases bases;
    private final RgbImage image;
    private final double levelScale;
    private final Projection projection;
    private final double weight;
    /** Per-sample robust weights (√ of the IRLS weight), or null for all 1. */
    private final double[] sampleWeights;
    private final int sampleCount;
    /** Unique vertices whose positions are needed (samples and their one-rings). */
    private final int[] needed;
    /** Per sample: local index (into needed) of the sample vertex. */
    private final int[] sampleLocal;
    /** Per sample: ring entries [ringStart[i], ringStart[i+1]) of ringLocal (index into needed); entry 0 is the sample. */
    private final int[] ringStart;
    private final int[] ringLocal;
    /** Per sample: incident faces [faceStart[i], faceStart[i+1]), three ring-entry indices each (relative to ringStart[i]). */
    private final int[] faceStart;
    private final int[] faceCorners;
    private final int maxRing;

    /**
     * @param bases      the model's bases (vertex-major)
     * @param triangles  the model's triangles (all of them: normals use every incident face)
     * @param samples    vertex indices to compare with the image
     * @param image      the image (one pyramid level)
     * @param levelScale factor from full-resolution pixels to this level's pixels
     */
    public PhotoConsistencyTerm(VertexMajorBases bases, int[] triangles, int[] samples, RgbImage image, double levelScale) {
        this(bases, triangles, samples, image, levelScale, null);
    }

    /**
     * @param sampleWeights per-sample factors multiplying the sample's three residuals (e.g. the square
     *                      roots of IRLS weights of a robust loss, fixed for the life of the term), or null
     */
    public PhotoConsistencyTerm(VertexMajorBases bases, int[] triangles, int[] samples, RgbImage image, double levelScale,
                                double[] sampleWeights) {
        this(bases, triangles, samples, image, levelScale, Projection.weakPerspective(), sampleWeights);
    }

    /** @param projection the camera model, in full-resolution pixels (see {@link Projection}) */
    public PhotoConsistencyTerm(VertexMajorBases bases, int[] triangles, int[] samples, RgbImage image, double levelScale,
                                Projection projection, double[] sampleWeights) {
        this.projection = java.util.Objects.requireNonNull(projection, "projection");
        if (sampleWeights != null && sampleWeights.length != samples.length) {
            throw new IllegalArgumentException("need one weight per sample");
        }
        this.sampleWeights = sampleWeights == null ? null : sampleWeights.clone();
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples: the face is not visible in the image");
        }
        this.bases = bases;
        this.image = image;
        this.levelScale = levelScale;
        this.sampleCount = samples.length;
        this.weight = 1.0 / Math.sqrt(samples.length);
        SampleRings rings = SampleRings.of(triangles, samples, bases.vertexCount());
        this.needed = rings.needed();
        this.sampleLocal = rings.sampleLocal();
        this.ringStart = rings.ringStart();
        this.ringLocal = rings.ringLocal();
        this.faceStart = rings.faceStart();
        this.faceCorners = rings.faceCorners();
        this.maxRing = rings.maxRing();
    }

    /** This term with other per-sample weights; the ring tables are shared, not rebuilt. */
    public PhotoConsistencyTerm withSampleWeights(double[] weights) {
        return new PhotoConsistencyTerm(this, weights);
    }

    private PhotoConsistencyTerm(PhotoConsistencyTerm base, double[] sampleWeights) {
        if (sampleWeights != null && sampleWeights.length != base.sampleCount) {
            throw new IllegalArgumentException("need one weight per sample");
        }
        this.sampleWeights = sampleWeights == null ? null : sampleWeights.clone();
        this.bases = base.bases;
        this.image = base.image;
        this.levelScale = base.levelScale;
        this.projection = base.projection;
        this.sampleCount = base.sampleCount;
        this.weight = base.weight;
        this.needed = base.needed;
        this.sampleLocal = base.sampleLocal;
        this.ringStart = base.ringStart;
        this.ringLocal = base.ringLocal;
        this.faceStart = base.faceStart;
        this.faceCorners = base.faceCorners;
        this.maxRing = base.maxRing;
    }

    @Override
    public String name() {
        return "photo-consistency";
    }

    @Override
    public int residualCount() {
        return 3 * sampleCount;
    }

    @Override
    public int[] blockSizes() {
        return new int[] {PoseBlock.SIZE, bases.identityCount(), bases.expressionCount(), bases.albedoCount(),
                SphericalHarmonicsLighting.COEFFICIENT_COUNT};
    }

    /** Number of vertices compared with the image. */
    public int sampleCount() {
        return sampleCount;
    }

    @Override
    public DeviceTermEvaluator bindTo(ComputeDevice device) {
        float[] w = new float[sampleCount];
        for (int i = 0; i < sampleCount; i++) {
            w[i] = (float) (sampleWeights == null ? weight : weight * sampleWeights[i]);
        }
        SampleRings rings = new SampleRings(needed, sampleLocal, ringStart, ringLocal, faceStart, faceCorners, maxRing);
        return new PhotoConsistencyDeviceEvaluator(device, bases, rings, image, levelScale, projection, w);
    }

    @Override
    public boolean evaluate(double[][] blocks, double[] residuals, double[][] jacobians) {
        double[] pose = blocks[0];
        double[] positions = new double[3 * needed.length];
        IntStream.range(0, (needed.length + 255) / 256).parallel().forEach(chunk -> {
            for (int l = chunk * 256, end = Math.min(needed.length, l + 256); l < end; l++) {
                bases.position(needed[l], blocks[1], blocks[2], positions, 3 * l);
            }
        });
        Frame frame = new Frame(pose, levelScale, projection, jacobians != null);
        IntStream.range(0, (sampleCount + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            Scratch scratch = new Scratch(maxRing);
            for (int i = chunk * CHUNK, end = Math.min(sampleCount, i + CHUNK); i < end; i++) {
                evaluateSample(i, blocks, positions, frame, scratch, residuals, jacobians);
            }
        });
        for (int i = 0; i < residuals.length; i++) {
            if (!Double.isFinite(residuals[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The photo's colour at each sample's projection (bilinear, RGB per sample into {@code out}), the
     * {@code C_I} of the residuals. False when the parameters are not finite.
     */
    public boolean observedColours(double[][] blocks, double[] out) {
        Frame f = new Frame(blocks[0], levelScale, projection, false);
        double[] p = new double[3], sample = new double[9];
        double[] r = f.r;
        for (int i = 0; i < sampleCount; i++) {
            bases.position(needed[sampleLocal[i]], blocks[1], blocks[2], p, 0);
            double rx = r[0] * p[0] + r[1] * p[1] + r[2] * p[2];
            double ry = r[3] * p[0] + r[4] * p[1] + r[5] * p[2];
            double rz = r[6] * p[0] + r[7] * p[1] + r[8] * p[2];
            double kk = 1.0 / (1.0 - f.s * rz * f.invF);
            double u = f.ls * (f.cx + kk * (f.tx + f.s * rx - f.cx));
            double v = f.ls * (f.cy + kk * (f.ty - f.s * ry - f.cy));
            if (!Double.isFinite(u) || !Double.isFinite(v)) {
                return false;
            }
            sampleImage(u, v, sample);
            System.arraycopy(sample, 0, out, 3 * i, 3);
        }
        return true;
    }

    /** Rotation, its derivatives and the projection constants of one evaluation. */
    private static final class Frame {
        final double[] r = new double[9];
        final double[][] dR = {new double[9], new double[9], new double[9]};
        final double s, tx, ty, ls, invF, cx, cy;

        Frame(double[] pose, double levelScale, Projection projection, boolean derivatives) {
            Pose.rotation(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], r);
            if (derivatives) {
                Pose.rotationDerivatives(pose[PoseBlock.PITCH], pose[PoseBlock.YAW], pose[PoseBlock.ROLL], dR[0], dR[1], dR[2]);
            }
            s = pose[PoseBlock.SCALE];
            tx = pose[PoseBlock.TX];
            ty = pose[PoseBlock.TY];
            ls = levelScale;
            invF = projection.inverseFocal();
            cx = projection.cx();
            cy = projection.cy();
        }
    }

    /** Per-thread work arrays, allocated once per chunk of samples. */
    private static final class Scratch {
        final double[] phi = new double[9];
        final double[] dphi = new double[27];
        final double[] rho = new double[3];
        final double[] sample = new double[9];
        final double[] shades = new double[3];
        /** The unit normal n̂, h = ∂shade/∂n_view and g = ∂C/∂N of one channel. */
        final double[] m = new double[3];
        final double[] h = new double[3];
        final double[] g = new double[3];
        final double[] edges;
        final double[] w;

        Scratch(int maxRing) {
            edges = new double[3 * maxRing];
            w = new double[9 * maxRing];
        }
    }

    private void evaluateSample(int i, double[][] blocks, double[] pos, Frame f, Scratch sc, double[] residuals,
                                double[][] jacobians) {
        double[] r = f.r;
        int rs = ringStart[i], ringSize = ringStart[i + 1] - rs;
        // Unnormalised area-weighted normal N = Σ (b−a)×(c−a) over incident faces.
        double nx = 0, ny = 0, nz = 0;
        boolean wantJ = jacobians != null;
        double[] edges = sc.edges;
        if (wantJ) {
            Arrays.fill(edges, 0, 3 * ringSize, 0.0);
        }
        for (int q = faceStart[i]; q < faceStart[i + 1]; q++) {
            int ea = faceCorners[3 * q], eb = faceCorners[3 * q + 1], ec = faceCorners[3 * q + 2];
            int a = 3 * ringLocal[rs + ea], b = 3 * ringLocal[rs + eb], c = 3 * ringLocal[rs + ec];
            double e1x = pos[b] - pos[a], e1y = pos[b + 1] - pos[a + 1], e1z = pos[b + 2] - pos[a + 2];
            double e2x = pos[c] - pos[a], e2y = pos[c + 1] - pos[a + 1], e2z = pos[c + 2] - pos[a + 2];
            nx += e1y * e2z - e1z * e2y;
            ny += e1z * e2x - e1x * e2z;
            nz += e1x * e2y - e1y * e2x;
            if (wantJ) {
                // ∂N/∂a·δ = δ×(b−c), ∂N/∂b·δ = δ×(c−a), ∂N/∂c·δ = δ×(a−b).
                for (int d = 0; d < 3; d++) {
                    edges[3 * ea + d] += pos[b + d] - pos[c + d];
                    edges[3 * eb + d] += pos[c + d] - pos[a + d];
                    edges[3 * ec + d] += pos[a + d] - pos[b + d];
                }
            }
        }
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len == 0) {
            len = 1e-30;
        }
        double mx = nx / len, my = ny / len, mz = nz / len;
        sc.m[0] = mx;
        sc.m[1] = my;
        sc.m[2] = mz;
        double vx = r[0] * mx + r[1] * my + r[2] * mz;
        double vy = r[3] * mx + r[4] * my + r[5] * mz;
        double vz = r[6] * mx + r[7] * my + r[8] * mz;
        SphericalHarmonicsLighting.basis(vx, vy, vz, sc.phi);
        int vertex = needed[sampleLocal[i]];
        bases.albedo(vertex, blocks[3], sc.rho, 0);
        double[] light = blocks[4];
        double[] phi = sc.phi;
        int p3 = 3 * sampleLocal[i];
        double px = pos[p3], py = pos[p3 + 1], pz = pos[p3 + 2];
        double rx = r[0] * px + r[1] * py + r[2] * pz;
        double ry = r[3] * px + r[4] * py + r[5] * pz;
        double rz = r[6] * px + r[7] * py + r[8] * pz;
        // u = cx + k·a, v = cy + k·b with k = 1/(1 − s·q_z/f) ({@link Projection}), then to this level.
        double pa = f.tx + f.s * rx - f.cx, pb = f.ty - f.s * ry - f.cy;
        double kk = 1.0 / (1.0 - f.s * rz * f.invF), g = kk * kk * f.invF;
        double u = f.ls * (f.cx + kk * pa);
        double v = f.ls * (f.cy + kk * pb);
        sampleImage(u, v, sc.sample);
        double w = sampleWeights == null ? weight : weight * sampleWeights[i];
        double[] shades = sc.shades;
        for (int c = 0; c < 3; c++) {
            shades[c] = LambertianShading.shade(light, c, phi);
        }
        for (int c = 0; c < 3; c++) {
            residuals[3 * i + c] = w * (sc.rho[c] * shades[c] - sc.sample[c]);
        }
        if (!wantJ) {
            return;
        }
        SphericalHarmonicsLighting.basisDerivatives(vx, vy, vz, sc.dphi);
        double[] dphi = sc.dphi;
        int kId = bases.identityCount(), kExp = bases.expressionCount(), kAlb = bases.albedoCount();
        double[] wv = sc.w;
        for (int c = 0; c < 3; c++) {
            int row = 3 * i + c;
            double rho = sc.rho[c];
            double iu = sc.sample[3 + c] * f.ls, iv = sc.sample[6 + c] * f.ls; // dI/du, dI/dv in full-res units
            // h = ∂shade/∂n_view.
            LambertianShading.shadeGradient(light, c, dphi, sc.h);
            double hx = sc.h[0], hy = sc.h[1], hz = sc.h[2];
            // Pose.
            double[] jp = jacobians[0];
            if (jp != null) {
                int o = row * PoseBlock.SIZE;
                for (int a = 0; a < 3; a++) {
                    double[] d = f.dR[a];
                    double dnx = d[0] * mx + d[1] * my + d[2] * mz;
                    double dny = d[3] * mx + d[4] * my + d[5] * mz;
                    double dnz = d[6] * mx + d[7] * my + d[8] * mz;
                    double dz = f.s * (d[6] * px + d[7] * py + d[8] * pz);
                    double du = kk * f.s * (d[0] * px + d[1] * py + d[2] * pz) + pa * g * dz;
                    double dv = -kk * f.s * (d[3] * px + d[4] * py + d[5] * pz) + pb * g * dz;
                    jp[o + a] = w * (rho * (hx * dnx + hy * dny + hz * dnz) - iu * du - iv * dv);
                }
                jp[o + PoseBlock.TX] = -w * iu * kk;
                jp[o + PoseBlock.TY] = -w * iv * kk;
                jp[o + PoseBlock.SCALE] = -w * (iu * (kk * rx + pa * g * rz) + iv * (-kk * ry + pb * g * rz));
            }
            // Shape: ∂C/∂N = g = ρ·(I − n̂n̂ᵀ)/|N| · Rᵀh; ∂C/∂x_j = E_j × g for ring vertex j, plus the
            // image term −(iu·∂u/∂p + iv·∂v/∂p) at the sample itself. wv holds, per ring vertex, the
            // 3-vector for each channel: wv[(3e + c)·3 + d].
            LambertianShading.normalGradient(r, sc.m, len, rho, sc.h, sc.g);
            double gx = sc.g[0], gy = sc.g[1], gz = sc.g[2];
            for (int e = 0; e < ringSize; e++) {
                double ex = edges[3 * e], ey = edges[3 * e + 1], ez = edges[3 * e + 2];
                int o = (3 * e + c) * 3;
                wv[o] = w * (ey * gz - ez * gy);
                wv[o + 1] = w * (ez * gx - ex * gz);
                wv[o + 2] = w * (ex * gy - ey * gx);
            }
            // ∂u/∂p = s·(k·R₀ + a·g·R₂), ∂v/∂p = s·(−k·R₁ + b·g·R₂).
            double ig = (iu * pa + iv * pb) * g;
            wv[3 * c] -= w * f.s * (kk * (iu * r[0] - iv * r[3]) + ig * r[6]);
            wv[3 * c + 1] -= w * f.s * (kk * (iu * r[1] - iv * r[4]) + ig * r[7]);
            wv[3 * c + 2] -= w * f.s * (kk * (iu * r[2] - iv * r[5]) + ig * r[8]);
            // Albedo: ∂C_c/∂α_k = A_k(v, c)·shade_c.
            double[] ja = jacobians[3];
            if (ja != null) {
                float[] am = bases.albedoModes();
                int base = bases.albedoOffset(vertex) + c;
                int o = row * kAlb;
                double sw = w * shades[c];
                for (int k = 0; k < kAlb; k++) {
                    ja[o + k] = sw * am[base + 3 * k];
                }
            }
            // Lighting: ∂C_c/∂L_{c,k} = ρ_c·φ_k; other channels' coefficients do not act on channel c.
            double[] jl = jacobians[4];
            if (jl != null) {
                int o = row * SphericalHarmonicsLighting.COEFFICIENT_COUNT;
                Arrays.fill(jl, o, o + SphericalHarmonicsLighting.COEFFICIENT_COUNT, 0.0);
                for (int k = 0; k < 9; k++) {
                    jl[o + 9 * c + k] = w * rho * phi[k];
                }
            }
        }
        shapeRows(jacobians[1], 3 * i, kId, 0, rs, ringSize, wv);
        shapeRows(jacobians[2], 3 * i, kExp, kId, rs, ringSize, wv);
    }

    /**
     * Rows {@code row0..row0+2} (r, g, b) of a shape block: {@code J[row0+c, k] = Σ_e m_{first+k}(ring_e)·wv_{e,c}}
     * for the modes [first, first+count). Each mode vector is read once for all three channels.
     */
    private void shapeRows(double[] jac, int row0, int count, int first, int rs, int ringSize, double[] wv) {
        if (jac == null || count == 0) {
            return;
        }
        float[] modes = bases.shapeModes();
        int o0 = row0 * count, o1 = o0 + count, o2 = o1 + count;
        Arrays.fill(jac, o0, o0 + 3 * count, 0.0);
        for (int e = 0; e < ringSize; e++) {
            int w0 = 9 * e;
            double a0 = wv[w0], a1 = wv[w0 + 1], a2 = wv[w0 + 2];
            double b0 = wv[w0 + 3], b1 = wv[w0 + 4], b2 = wv[w0 + 5];
            double c0 = wv[w0 + 6], c1 = wv[w0 + 7], c2 = wv[w0 + 8];
            int base = bases.shapeOffset(needed[ringLocal[rs + e]]) + 3 * first;
            for (int k = 0; k < count; k++) {
                int q = base + 3 * k;
                double mx = modes[q], my = modes[q + 1], mz = modes[q + 2];
                jac[o0 + k] += a0 * mx + a1 * my + a2 * mz;
                jac[o1 + k] += b0 * mx + b1 * my + b2 * mz;
                jac[o2 + k] += c0 * mx + c1 * my + c2 * mz;
            }
        }
    }

    /**
     * Bilinear sample of the image at continuous pixel (u, v) (pixel centres at +0.5) into
     * {@code out[0..2]} = colour, {@code out[3..5]} = ∂/∂u, {@code out[6..8]} = ∂/∂v. Outside the image
     * the border is repeated and the gradient is zero.
     */
    private void sampleImage(double u, double v, double[] out) {
        int wdt = image.width(), hgt = image.height();
        double x = u - 0.5, y = v - 0.5;
        boolean insideX = x >= 0 && x <= wdt - 1, insideY = y >= 0 && y <= hgt - 1;
        x = Math.min(Math.max(x, 0), wdt - 1);
        y = Math.min(Math.max(y, 0), hgt - 1);
        int x0 = Math.min((int) x, wdt - 2), y0 = Math.min((int) y, hgt - 2);
        x0 = Math.max(x0, 0);
        y0 = Math.max(y0, 0);
        double fx = x - x0, fy = y - y0;
        int i00 = y0 * wdt + x0, i10 = i00 + 1, i01 = i00 + wdt, i11 = i01 + 1;
        for (int c = 0; c < 3; c++) {
            float[] ch = image.channel(c);
            double a = ch[i00], b = ch[i10], cc = ch[i01], d = ch[i11];
            out[c] = (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * cc + fx * d);
            out[3 + c] = insideX ? (1 - fy) * (b - a) + fy * (d - cc) : 0.0;
            out[6 + c] = insideY ? (1 - fx) * (cc - a) + fx * (d - b) : 0.0;
        }
    }
}
