package io.inverseface.benchmarks.fidelity;

import io.inverseface.render.Mesh;
import io.inverseface.render.Pose;
import io.inverseface.render.Rasterizer;
import io.inverseface.render.VisibilityBuffer;
import io.inverseface.render.WeakPerspectiveCamera;

/**
 * The scan vertices the error is measured on, each with its area weight (one third of the area of its
 * incident triangles, so that the weights sum to the region's surface area and dense patches of the
 * scan do not count more than sparse ones).
 *
 * <p>The region, in the scan frame (x left, y up, z out of the face):
 * <ol>
 *   <li><b>near the nose tip</b>: within {@value #RADIUS_MM} mm of landmark 30 (NoW's crop radius);</li>
 *   <li><b>above the jaw line</b>: in the frontal (x, y) projection, above the polyline through the 17 jaw
 *       landmarks, and laterally between its ends (landmarks 0 and 16, which sit at the ear tragus), which
 *       also drops the ears and everything beside them;</li>
 *   <li><b>in front of the ears</b>: not behind the coronal plane of the jaw line's ends (z at least the
 *       smaller z of landmarks 0 and 16);</li>
 *   <li><b>seen from the front</b>: not occluded in an orthographic frontal view (depth test, tolerance
 *       {@value #VISIBILITY_TOLERANCE_MM} mm), and facing it at most {@value #MAX_VIEW_ANGLE_DEG}° from the
 *       view axis (vertex normal z &gt; cos {@value #MAX_VIEW_ANGLE_DEG}°): steeper surfaces are what a
 *       frontal scanner, and a photo, resolve poorly.</li>
 * </ol>
 *
 * @param vertices scan vertex indices in the region, ascending
 * @param weights  area weight per region vertex, mm²
 */
public record ScanFaceRegion(int[] vertices, double[] weights) {
    /** Crop radius around the nose tip, mm. */
    public static final double RADIUS_MM = 95.0;
    /** Largest angle between a kept vertex's normal and the frontal view axis, degrees. */
    public static final double MAX_VIEW_ANGLE_DEG = 75.0;
    /** Depth slack of the frontal visibility test, mm. */
    public static final double VISIBILITY_TOLERANCE_MM = 1.0;
    /** Pixel size of the frontal visibility map, mm. */
    private static final double VISIBILITY_PIXEL_MM = 0.5;

    public ScanFaceRegion {
        if (vertices.length != weights.length) {
            throw new IllegalArgumentException("one weight per vertex");
        }
    }

    public int size() {
        return vertices.length;
    }

    /** Total surface area of the region, mm². */
    public double area() {
        double a = 0;
        for (double w : weights) {
            a += w;
        }
        return a;
    }

    /** The region of {@code scan} as documented above. */
    public static ScanFaceRegion of(ScanHead scan) {
        float[] p = scan.positions();
        int[] tri = scan.triangles();
        int n = scan.vertexCount();
        double[] oneRing = new double[n];
        for (int t = 0; t < tri.length; t += 3) {
            int a = 3 * tri[t], b = 3 * tri[t + 1], c = 3 * tri[t + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
            double third = Math.sqrt(cx * cx + cy * cy + cz * cz) / 6; // area / 3
            oneRing[tri[t]] += third;
            oneRing[tri[t + 1]] += third;
            oneRing[tri[t + 2]] += third;
        }
        float[] normals = new Mesh(p, tri).vertexNormals();
        boolean[] visible = frontallyVisible(scan);
        double[] nose = scan.landmark(ScanHead.NOSE_TIP);
        double[] jaw = scan.landmarks(); // landmarks 0..16 are the jaw line
        double earZ = Math.min(jaw[2], jaw[3 * 16 + 2]);
        double minNormalZ = Math.cos(Math.toRadians(MAX_VIEW_ANGLE_DEG));
        int[] keep = new int[n];
        int count = 0;
        for (int v = 0; v < n; v++) {
            double x = p[3 * v], y = p[3 * v + 1], z = p[3 * v + 2];
            double dx = x - nose[0], dy = y - nose[1], dz = z - nose[2];
            if (dx * dx + dy * dy + dz * dz > RADIUS_MM * RADIUS_MM || z < earZ || normals[3 * v + 2] <= minNormalZ
                    || !visible[v]) {
                continue;
            }
            double jawY = jawLineY(jaw, x);
            if (Double.isNaN(jawY) || y <= jawY) {
                continue;
            }
            keep[count++] = v;
        }
        int[] vertices = java.util.Arrays.copyOf(keep, count);
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            weights[i] = oneRing[vertices[i]];
        }
        return new ScanFaceRegion(vertices, weights);
    }

    /** y of the jaw polyline (landmarks 0..16, frontal projection) at x; NaN outside its x-extent. */
    static double jawLineY(double[] lm, double x) {
        for (int k = 0; k < 16; k++) {
            double x0 = lm[3 * k], x1 = lm[3 * (k + 1)];
            double lo = Math.min(x0, x1), hi = Math.max(x0, x1);
            if (x >= lo && x <= hi) {
                double f = hi > lo ? (x - x0) / (x1 - x0) : 0;
                return lm[3 * k + 1] + f * (lm[3 * (k + 1) + 1] - lm[3 * k + 1]);
            }
        }
        return Double.NaN;
    }

    /** Per vertex: not hidden behind other parts of the scan in an orthographic view along −z. */
    private static boolean[] frontallyVisible(ScanHead scan) {
        float[] p = scan.positions();
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < p.length; i += 3) {
            minX = Math.min(minX, p[i]);
            maxX = Math.max(maxX, p[i]);
            minY = Math.min(minY, p[i + 1]);
            maxY = Math.max(maxY, p[i + 1]);
        }
        double s = 1 / VISIBILITY_PIXEL_MM;
        int w = (int) Math.ceil((maxX - minX) * s) + 2, h = (int) Math.ceil((maxY - minY) * s) + 2;
        // Weak perspective with identity rotation: pixel = (tx + s·x, ty − s·y), depth = −s·z.
        WeakPerspectiveCamera camera = new WeakPerspectiveCamera(new Pose(0, 0, 0, 1 - s * minX, 1 + s * maxY, 0, s), w, h);
        VisibilityBuffer vis = new VisibilityBuffer(w, h);
        Rasterizer.builder().cullBackFaces(true).build().rasterize(new Mesh(p, scan.triangles()), camera, vis);
        float[] depth = vis.depth();
        boolean[] out = new boolean[p.length / 3];
        float[] screen = new float[3];
        for (int v = 0; v < out.length; v++) {
            camera.project(p[3 * v], p[3 * v + 1], p[3 * v + 2], screen, 0);
            int px = (int) screen[0], py = (int) screen[1];
            if (px < 0 || py < 0 || px >= w || py >= h) {
                continue;
            }
            float d = depth[py * w + px];
            out[v] = d == Float.POSITIVE_INFINITY || screen[2] <= d + VISIBILITY_TOLERANCE_MM * s;
        }
        return out;
    }
}
