package io.inverseface.benchmarks.fidelity;

import io.inverseface.core.model.FaceModel;
import io.inverseface.core.model.FaceRegion;

/**
 * NoW-style geometric error of a reconstruction against the scan (Sanyal et al., CVPR 2019, adapted):
 * <ol>
 *   <li><b>landmark alignment</b>: the transform (rigid, or similarity with scale) that maps the
 *       reconstruction's 51 inner landmarks (17–67; the jaw points are contour points, not fixed ones) onto
 *       the scan's, in least squares;</li>
 *   <li><b>ICP</b>: up to {@value #ICP_ITERATIONS} times, each face-region scan vertex is paired with its
 *       nearest point on the (aligned) reconstructed surface, and the transform is re-solved on those
 *       pairs, area-weighted. Pairs whose match lies on the reconstruction's border (the scan point is
 *       beyond the reconstructed surface) or farther than {@value #ICP_REJECT_MM} mm are left out, so that
 *       the surface's extent does not drag the alignment;</li>
 *   <li><b>error</b>: the distance from every face-region scan vertex ({@link ScanFaceRegion}) to the nearest
 *       point of the aligned reconstructed surface, area-weighted mean, median and standard deviation, no
 *       pair left out.</li>
 * </ol>
 * The reconstruction never moves in its own frame: the scan points are mapped into it by the inverse
 * transform, so one {@link SurfaceIndex} serves every iteration, and distances are scaled back to scan mm.
 * Immutable; thread-safe.
 */
public final class NowMetric {
    /** First landmark of the initial alignment (the 51 inner points 17–67). */
    public static final int FIRST_INNER_LANDMARK = 17;
    /** ICP iterations at most. */
    public static final int ICP_ITERATIONS = 20;
    /** ICP pairs farther apart than this are not correspondences, mm. */
    public static final double ICP_REJECT_MM = 10.0;
    /** ICP stops when no landmark moves more than this between iterations, mm. */
    private static final double ICP_TOLERANCE_MM = 1e-4;

    private final ScanHead scan;
    private final ScanFaceRegion region;
    private final double[] points; // region vertices, xyz
    private final double[] normals; // their unit outward normals (area-weighted over the scan's triangles)

    public NowMetric(ScanHead scan) {
        this(scan, ScanFaceRegion.of(scan));
    }

    public NowMetric(ScanHead scan, ScanFaceRegion region) {
        this.scan = scan;
        this.region = region;
        float[] p = scan.positions();
        int[] v = region.vertices();
        points = new double[3 * v.length];
        for (int i = 0; i < v.length; i++) {
            for (int d = 0; d < 3; d++) {
                points[3 * i + d] = p[3 * v[i] + d];
            }
        }
        normals = regionNormals(scan, v);
    }

    private static double[] regionNormals(ScanHead scan, int[] vertices) {
        float[] all = new float[scan.positions().length];
        io.inverseface.render.Mesh.vertexNormals(scan.positions(), scan.triangles(), all);
        double[] n = new double[3 * vertices.length];
        for (int i = 0; i < vertices.length; i++) {
            for (int d = 0; d < 3; d++) {
                n[3 * i + d] = all[3 * vertices[i] + d];
            }
        }
        return n;
    }

    /** Region vertex {@code i}'s position, scan frame, mm. */
    public double[] point(int i) {
        return new double[] {points[3 * i], points[3 * i + 1], points[3 * i + 2]};
    }

    public ScanHead scan() {
        return scan;
    }

    public ScanFaceRegion region() {
        return region;
    }

    /**
     * A shape of {@code model} (model frame, mm) compared with the scan: its surface is the model's narrow
     * face region (triangles whose three vertices lie in it), its landmarks the model's 68 landmark vertices.
     */
    public NowResult evaluate(FaceModel model, float[] shape, AlignmentMode mode) {
        return evaluate(shape, model.regionTriangles(FaceRegion.NARROW), landmarkPoints(model, shape), mode);
    }

    /** The model's 68 landmark vertices of {@code shape}, xyz interleaved. */
    public static double[] landmarkPoints(FaceModel model, float[] shape) {
        int[] lv = model.landmarkVertices();
        double[] landmarks = new double[3 * lv.length];
        for (int k = 0; k < lv.length; k++) {
            for (int d = 0; d < 3; d++) {
                landmarks[3 * k + d] = shape[3 * lv[k] + d];
            }
        }
        return landmarks;
    }

    /**
     * The first step of the alignment: the transform that maps the 51 inner points (17–67) of 68
     * landmarks (xyz interleaved) onto the scan's, in least squares.
     */
    public SimilarityTransform landmarkAlignment(double[] landmarks, boolean withScale) {
        double[] src = java.util.Arrays.copyOfRange(landmarks, 3 * FIRST_INNER_LANDMARK, 3 * 68);
        double[] dst = java.util.Arrays.copyOfRange(scan.landmarks(), 3 * FIRST_INNER_LANDMARK, 3 * 68);
        return SimilarityTransform.fit(src, dst, null, withScale);
    }

    /** The model's mean face (identity = expression = 0), the baseline a fit must beat. */
    public NowResult meanFace(FaceModel model, AlignmentMode mode) {
        return evaluate(model, model.meanShape(), mode);
    }

    /**
     * A reconstructed surface compared with the scan.
     *
     * @param positions xyz per vertex (any frame), mm
     * @param triangles the surface to measure against (three indices per triangle)
     * @param landmarks xyz of the 68 iBUG landmarks in the same frame
     * @param mode      rigid or similarity alignment
     */
    public NowResult evaluate(float[] positions, int[] triangles, double[] landmarks, AlignmentMode mode) {
        if (landmarks.length != 3 * 68) {
            throw new IllegalArgumentException("need 68 landmarks (204 values), got " + landmarks.length);
        }
        boolean withScale = mode.withScale();
        int inner = 68 - FIRST_INNER_LANDMARK;
        double[] src = java.util.Arrays.copyOfRange(landmarks, 3 * FIRST_INNER_LANDMARK, 3 * 68);
        double[] dst = java.util.Arrays.copyOfRange(scan.landmarks(), 3 * FIRST_INNER_LANDMARK, 3 * 68);
        SimilarityTransform t = landmarkAlignment(landmarks, withScale);
        double[] moved = t.applyAll(src);
        double sq = 0;
        for (int i = 0; i < moved.length; i++) {
            sq += (moved[i] - dst[i]) * (moved[i] - dst[i]);
        }
        double landmarkRms = Math.sqrt(sq / inner);

        SurfaceIndex surface = new SurfaceIndex(positions, triangles);
        int n = region.size();
        double[] weights = region.weights();
        double[] pairSrc = new double[3 * n], pairDst = new double[3 * n], pairW = new double[n];
        double[] q = new double[3], hit = new double[5], scratch = new double[4];
        int iterations = 0;
        for (int it = 0; it < ICP_ITERATIONS; it++) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                t.applyInverse(points[3 * i], points[3 * i + 1], points[3 * i + 2], q);
                surface.nearest(q[0], q[1], q[2], hit, scratch);
                if (hit[4] != 0 || t.scale() * Math.sqrt(hit[3]) > ICP_REJECT_MM) {
                    continue;
                }
                System.arraycopy(hit, 0, pairSrc, 3 * m, 3);
                System.arraycopy(points, 3 * i, pairDst, 3 * m, 3);
                pairW[m++] = weights[i];
            }
            if (m < 3) {
                break;
            }
            SimilarityTransform next = SimilarityTransform.fit(java.util.Arrays.copyOf(pairSrc, 3 * m),
                    java.util.Arrays.copyOf(pairDst, 3 * m), pairW, withScale);
            double change = maxDisplacement(t, next, src);
            t = next;
            iterations++;
            if (change < ICP_TOLERANCE_MM) {
                break;
            }
        }

        double[] distances = new double[n], signed = new double[n], back = new double[3];
        double interior = 0;
        for (int i = 0; i < n; i++) {
            t.applyInverse(points[3 * i], points[3 * i + 1], points[3 * i + 2], q);
            surface.nearest(q[0], q[1], q[2], hit, scratch);
            distances[i] = t.scale() * Math.sqrt(hit[3]);
            // Signed along the scan's normal: > 0 where the reconstruction lies outside (in front of) the scan.
            t.apply(hit[0], hit[1], hit[2], back);
            double along = (back[0] - points[3 * i]) * normals[3 * i] + (back[1] - points[3 * i + 1]) * normals[3 * i + 1]
                    + (back[2] - points[3 * i + 2]) * normals[3 * i + 2];
            signed[i] = Math.copySign(distances[i], along);
            if (hit[4] == 0) {
                interior += weights[i];
            }
        }
        return new NowResult(mode, WeightedStats.of(distances, weights, n), t, landmarkRms, iterations,
                interior / region.area(), signed);
    }

    /** Largest distance between where {@code a} and {@code b} put the given points. */
    private static double maxDisplacement(SimilarityTransform a, SimilarityTransform b, double[] xyz) {
        double[] pa = new double[3], pb = new double[3];
        double worst = 0;
        for (int i = 0; i < xyz.length; i += 3) {
            a.apply(xyz[i], xyz[i + 1], xyz[i + 2], pa);
            b.apply(xyz[i], xyz[i + 1], xyz[i + 2], pb);
            worst = Math.max(worst, Math.sqrt((pa[0] - pb[0]) * (pa[0] - pb[0]) + (pa[1] - pb[1]) * (pa[1] - pb[1])
                    + (pa[2] - pb[2]) * (pa[2] - pb[2])));
        }
        return worst;
    }
}
