package io.inverseface.benchmarks.fidelity;

import io.inverseface.core.io.Landmarks;
import io.inverseface.core.model.Basis;
import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceModels;
import io.inverseface.core.model.FaceRegion;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The best the model can do for the scan: its identity and expression coefficients fitted to the scan in 3D
 * (no image), by alternating nearest-point correspondences, a similarity transform and a linear solve,
 * with a light Gaussian prior. It answers what no image fit can: how close the model's surface can come
 * (the floor under every fit on this scan), and how far the model's own landmark vertices lie from the
 * scan's annotated landmarks on that best surface, which is the disagreement of the two landmark
 * conventions that any fit to landmarks must absorb by bending the shape.
 *
 * <p>Each iteration: every face-region scan point q (area weight w) is mapped into the model frame,
 * paired with its nearest point on the current surface (triangle, barycentric b), and
 * {@code Σ w ‖s·R·(Σ_j b_j (μ + A α)_{v_j}) + t − q‖² + λ Σ_k (α_k/σ_k)²} is minimised over α by the
 * normal equations with the transform fixed, then over the transform (Umeyama) with α fixed.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.inverseface.benchmarks.fidelity.ScanModelOracle
 * [--identity N] [--expression N] [--prior λ] [--iterations N]}.
 */
public final class ScanModelOracle {
    /** λ of the default fit: 0.30 mm median (1: 0.23, 300: 0.45), with the landmark vertices still near. */
    public static final double DEFAULT_PRIOR = 30.0;

    /**
     * The fitted coefficients and how the shape compares.
     *
     * @param identity    fitted identity coefficients
     * @param expression  fitted expression coefficients
     * @param shape       the fitted shape, model frame, mm
     * @param toScan      model frame → scan frame (similarity)
     */
    public record Fit(double[] identity, double[] expression, float[] shape, SimilarityTransform toScan) { }

    private final FaceModel model;
    private final NowMetric metric;

    public ScanModelOracle(FaceModel model, NowMetric metric) {
        this.model = model;
        this.metric = metric;
    }

    /**
     * @param identityModes   identity modes fitted (the first ones)
     * @param expressionModes expression modes fitted
     * @param prior           λ, in mm² per unit of (α/σ)², against area weights that sum to the number of points
     * @param iterations      alternations
     */
    public Fit fit(int identityModes, int expressionModes, double prior, int iterations, boolean withScale) {
        Basis id = model.identityBasis(), ex = model.expressionBasis();
        int ni = Math.min(identityModes, id.modeCount()), ne = Math.min(expressionModes, ex.modeCount()), m = ni + ne;
        double[] alpha = new double[m];
        int[] tri = model.regionTriangles(FaceRegion.NARROW);
        float[] shape = model.meanShape();
        SimilarityTransform t = metric.landmarkAlignment(NowMetric.landmarkPoints(model, shape), withScale);
        int n = metric.region().size();
        double[] w = metric.region().weights();
        double wsum = 0;
        for (double x : w) {
            wsum += x;
        }
        double wscale = n / wsum;
        double[] hit = new double[5], scratch = new double[4], q = new double[3];
        for (int it = 0; it < iterations; it++) {
            SurfaceIndex surface = new SurfaceIndex(shape, tri);
            DMatrixRMaj ata = new DMatrixRMaj(m, m), atb = new DMatrixRMaj(m, 1);
            double[] srcPts = new double[3 * n], dstPts = new double[3 * n], pairW = new double[n], pairB = new double[3 * n];
            int[] pairF = new int[n];
            int pairs = 0;
            double[] row = new double[3 * m];
            double s2 = t.scale() * t.scale();
            for (int i = 0; i < n; i++) {
                double[] p = metric.point(i);
                t.applyInverse(p[0], p[1], p[2], q);
                int f = surface.nearest(q[0], q[1], q[2], hit, scratch);
                if (f < 0 || hit[4] != 0 || t.scale() * Math.sqrt(hit[3]) > NowMetric.ICP_REJECT_MM) {
                    continue;
                }
                double[] b = barycentric(shape, tri, f, hit);
                double wi = w[i] * wscale * s2;
                // residual (model frame) r = Σ_j b_j x_{v_j}(α) − q, linear in α: row d of J is Σ_j b_j A[3 v_j + d]
                java.util.Arrays.fill(row, 0);
                double[] base = new double[3];
                for (int j = 0; j < 3; j++) {
                    int v = tri[3 * f + j];
                    for (int d = 0; d < 3; d++) {
                        int c = 3 * v + d;
                        base[d] += b[j] * id.meanValue(c);
                        for (int k = 0; k < ni; k++) {
                            row[d * m + k] += b[j] * id.modeValue(k, c);
                        }
                        for (int k = 0; k < ne; k++) {
                            row[d * m + ni + k] += b[j] * ex.modeValue(k, c);
                        }
                    }
                }
                for (int d = 0; d < 3; d++) {
                    double target = q[d] - base[d];
                    for (int a = 0; a < m; a++) {
                        double ja = row[d * m + a];
                        if (ja == 0) {
                            continue;
                        }
                        atb.data[a] += wi * ja * target;
                        for (int c = a; c < m; c++) {
                            ata.data[a * m + c] += wi * ja * row[d * m + c];
                        }
                    }
                }
                System.arraycopy(b, 0, pairB, 3 * pairs, 3);
                pairF[pairs] = f;
                System.arraycopy(p, 0, dstPts, 3 * pairs, 3);
                pairW[pairs++] = w[i];
            }
            for (int a = 0; a < m; a++) {
                for (int c = 0; c < a; c++) {
                    ata.data[a * m + c] = ata.data[c * m + a];
                }
                double sigma = a < ni ? id.sigma(a) : ex.sigma(a - ni);
                ata.data[a * m + a] += prior / (sigma * sigma);
            }
            if (!CommonOps_DDRM.solve(ata, atb, atb)) {
                throw new IllegalStateException("singular normal equations at iteration " + it);
            }
            System.arraycopy(atb.data, 0, alpha, 0, m);
            shape = model.instance(java.util.Arrays.copyOf(alpha, ni), java.util.Arrays.copyOfRange(alpha, ni, m));
            // the transform on the same pairs, their surface points moved with the new shape
            for (int i = 0; i < pairs; i++) {
                for (int d = 0; d < 3; d++) {
                    double v = 0;
                    for (int j = 0; j < 3; j++) {
                        v += pairB[3 * i + j] * shape[3 * tri[3 * pairF[i] + j] + d];
                    }
                    srcPts[3 * i + d] = v;
                }
            }
            t = SimilarityTransform.fit(java.util.Arrays.copyOf(srcPts, 3 * pairs), java.util.Arrays.copyOf(dstPts, 3 * pairs),
                    java.util.Arrays.copyOf(pairW, pairs), withScale);
        }
        return new Fit(java.util.Arrays.copyOf(alpha, ni), java.util.Arrays.copyOfRange(alpha, ni, m), shape, t);
    }

    /** Barycentric weights of the hit point in triangle f (clamped projection already on the triangle). */
    static double[] barycentric(float[] x, int[] tri, int f, double[] hit) {
        int a = 3 * tri[3 * f], b = 3 * tri[3 * f + 1], c = 3 * tri[3 * f + 2];
        double[] v0 = {x[b] - x[a], x[b + 1] - x[a + 1], x[b + 2] - x[a + 2]};
        double[] v1 = {x[c] - x[a], x[c + 1] - x[a + 1], x[c + 2] - x[a + 2]};
        double[] v2 = {hit[0] - x[a], hit[1] - x[a + 1], hit[2] - x[a + 2]};
        double d00 = dot(v0, v0), d01 = dot(v0, v1), d11 = dot(v1, v1), d20 = dot(v2, v0), d21 = dot(v2, v1);
        double den = d00 * d11 - d01 * d01;
        if (!(Math.abs(den) > 0)) {
            return new double[] {1, 0, 0};
        }
        double v = (d11 * d20 - d01 * d21) / den, w = (d00 * d21 - d01 * d20) / den;
        return new double[] {1 - v - w, v, w};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    public static void main(String[] args) {
        int identity = 80, expression = 53, iterations = 30;
        double prior = DEFAULT_PRIOR;
        boolean withScale = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--identity" -> identity = Integer.parseInt(args[++i]);
                case "--expression" -> expression = Integer.parseInt(args[++i]);
                case "--prior" -> prior = Double.parseDouble(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--scale" -> withScale = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --identity N, --expression N, --prior λ, --iterations N)");
            }
        }
        FaceModel model = FaceModels.ictLight();
        NowMetric metric = new NowMetric(ScanHead.load());
        ScanModelOracle oracle = new ScanModelOracle(model, metric);
        Fit fit = oracle.fit(identity, expression, prior, iterations, withScale);
        NowResult rigid = metric.evaluate(model, fit.shape(), AlignmentMode.RIGID);
        NowResult sim = metric.evaluate(model, fit.shape(), AlignmentMode.SIMILARITY);
        NowResult meanRigid = metric.meanFace(model, AlignmentMode.RIGID);
        System.out.printf(Locale.ROOT, "Oracle (3D fit to the scan, %d identity + %d expression modes, λ %.3g, %d iterations): "
                        + "rigid median %.3f mm, similarity median %.3f mm (mean face %.3f rigid); scale to scan %.4f; eye span %.1f mm%n",
                identity, expression, prior, iterations, rigid.median(), sim.median(), meanRigid.median(),
                fit.toScan().scale(), ScanFidelityBenchmark.eyeSpan(model, fit.shape()));
        SignedErrorMap map = new SignedErrorMap(metric);
        map.add(rigid);
        System.out.print(map.table());
        // the model's landmark vertices on the best surface against the scan's landmarks, scan frame, mm
        int[] lv = model.landmarkVertices();
        double[] p = new double[3];
        System.out.println("\nlandmark, model vertex − scan landmark on the best surface (scan frame: x subject's left, y up, z out), mm");
        System.out.println("| point | dx | dy | dz | |d| |\n|---:|---:|---:|---:|---:|");
        SimilarityTransform t = rigid.transform();
        for (int k = 0; k < Landmarks.COUNT; k++) {
            float[] s = fit.shape();
            t.apply(s[3 * lv[k]], s[3 * lv[k] + 1], s[3 * lv[k] + 2], p);
            double[] l = metric.scan().landmark(k);
            double dx = p[0] - l[0], dy = p[1] - l[1], dz = p[2] - l[2];
            System.out.printf(Locale.ROOT, "| %d | %+.2f | %+.2f | %+.2f | %.2f |%n", k, dx, dy, dz, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        System.out.print("\nidentity:");
        for (int k = 0; k < Math.min(10, fit.identity().length); k++) {
            System.out.printf(Locale.ROOT, " %+.2fσ", fit.identity()[k] / model.identityBasis().sigma(k));
        }
        System.out.println();
    }
}
