package io.inverseface.core.landmarks;

import java.util.Arrays;

/**
 * The 17 iBUG jaw points (0..16) read off a face mesh as the face's visible outline, not as fixed
 * mesh points.
 *
 * <p>The iBUG convention puts the jaw points on the visible outline of the lower face: point 0 at
 * the ear on the image's left, point 8 at the chin, point 16 at the other ear, each half evenly
 * spaced along the outline. A fixed mesh vertex lies on the 3D face oval, which under yaw slides
 * behind the far cheek, and the published index map spaces its points unevenly. So: take the
 * convex hull of the 468 projected points (the visible silhouette), walk it from the hull point
 * nearest mesh point 127 (ear, image left) through the one nearest 152 (chin) to the one nearest
 * 356 (other ear), and place 9 points at equal arc length on each half. Measured on the annotated
 * photos (BENCHMARKS.md, "Landmarks: MediaPipe port"): jaw error 7.6 % of the eye distance against
 * 10.4 % for the index map and 9.1 % for face-api's net.
 *
 * <p>Where the hull walk does not pass the chin (a degenerate mesh), the mesh's own oval path is
 * resampled the same way.
 */
final class MeshJawOutline {

    static final int EAR_LEFT = 127;
    static final int CHIN = 152;
    static final int EAR_RIGHT = 356;
    /** The face oval's lower path from 127 through the chin 152 to 356 (MediaPipe's FACE_OVAL). */
    private static final int[] OVAL = {127, 234, 93, 132, 58, 172, 136, 150, 149, 176, 148, CHIN,
        377, 400, 378, 379, 365, 397, 288, 361, 323, 454, 356};
    private static final int HALF = 9;

    private MeshJawOutline() {
    }

    /**
     * @param mesh the face mesh, image pixels
     * @return 34 values: x0, y0, …, x16, y16
     */
    static double[] jaw(FaceMesh.Result mesh) {
        Outline outline = hullOutline(mesh);
        if (outline == null || outline.chinAt() < 1 || outline.chinAt() > outline.path().length / 2 - 2) {
            outline = ovalOutline(mesh);
        }
        double[] path = outline.path();
        int chinAt = outline.chinAt();
        // The ends are the ear points themselves, not their nearest hull vertices.
        path[0] = mesh.x(EAR_LEFT);
        path[1] = mesh.y(EAR_LEFT);
        path[path.length - 2] = mesh.x(EAR_RIGHT);
        path[path.length - 1] = mesh.y(EAR_RIGHT);
        double[] out = new double[2 * (2 * HALF - 1)];
        double[] first = resample(Arrays.copyOfRange(path, 0, 2 * chinAt + 2), HALF);
        double[] second = resample(Arrays.copyOfRange(path, 2 * chinAt, path.length), HALF);
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 2, out, first.length, second.length - 2);
        return out;
    }

    /** A polyline from ear to ear as x, y pairs, and the index of its vertex at the chin. */
    private record Outline(double[] path, int chinAt) {
    }

    /**
     * The convex hull's boundary from the vertex nearest 127 to the one nearest 356, in the direction
     * that passes the one nearest the chin; null when two of the three coincide.
     */
    private static Outline hullOutline(FaceMesh.Result mesh) {
        int[] hull = convexHull(mesh);
        int k = hull.length;
        double[] xy = new double[2 * k];
        for (int i = 0; i < k; i++) {
            xy[2 * i] = mesh.x(hull[i]);
            xy[2 * i + 1] = mesh.y(hull[i]);
        }
        int a = nearestVertex(xy, mesh.x(EAR_LEFT), mesh.y(EAR_LEFT));
        int b = nearestVertex(xy, mesh.x(EAR_RIGHT), mesh.y(EAR_RIGHT));
        int c = nearestVertex(xy, mesh.x(CHIN), mesh.y(CHIN));
        if (a == b || a == c || b == c) {
            return null;
        }
        int step = passes(a, b, c, k, 1) ? 1 : -1;
        int n = Math.floorMod(step * (b - a), k) + 1;
        double[] path = new double[2 * n];
        for (int j = 0, i = a; j < n; j++, i = Math.floorMod(i + step, k)) {
            path[2 * j] = xy[2 * i];
            path[2 * j + 1] = xy[2 * i + 1];
        }
        return new Outline(path, Math.floorMod(step * (c - a), k));
    }

    /** The mesh's own lower face oval, for a mesh whose hull walk fails. */
    private static Outline ovalOutline(FaceMesh.Result mesh) {
        double[] path = new double[2 * OVAL.length];
        int chinAt = -1;
        for (int i = 0; i < OVAL.length; i++) {
            path[2 * i] = mesh.x(OVAL[i]);
            path[2 * i + 1] = mesh.y(OVAL[i]);
            chinAt = OVAL[i] == CHIN ? i : chinAt;
        }
        return new Outline(path, chinAt);
    }

    /** Whether walking from a in direction step reaches c before b. */
    private static boolean passes(int a, int b, int c, int k, int step) {
        return Math.floorMod(step * (c - a), k) < Math.floorMod(step * (b - a), k);
    }

    /** Andrew's monotone chain; the hull's point indices in order, collinear points dropped. */
    static int[] convexHull(FaceMesh.Result mesh) {
        int n = FaceMesh.POINTS;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> mesh.x(p) != mesh.x(q) ? Double.compare(mesh.x(p), mesh.x(q))
                : Double.compare(mesh.y(p), mesh.y(q)));
        int[] h = new int[2 * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(mesh, h[k - 2], h[k - 1], order[i]) <= 0) {
                k--;
            }
            h[k++] = order[i];
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(mesh, h[k - 2], h[k - 1], order[i]) <= 0) {
                k--;
            }
            h[k++] = order[i];
        }
        return Arrays.copyOf(h, k - 1);
    }

    private static double cross(FaceMesh.Result m, int o, int a, int b) {
        return (m.x(a) - m.x(o)) * (m.y(b) - m.y(o)) - (m.y(a) - m.y(o)) * (m.x(b) - m.x(o));
    }

    private static int nearestVertex(double[] path, double x, double y) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < path.length / 2; i++) {
            double dx = path[2 * i] - x;
            double dy = path[2 * i + 1] - y;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** {@code count} points at equal arc length along a polyline of x, y pairs, both ends included. */
    static double[] resample(double[] path, int count) {
        int n = path.length / 2;
        double[] s = new double[n];
        for (int i = 1; i < n; i++) {
            s[i] = s[i - 1] + Math.hypot(path[2 * i] - path[2 * i - 2], path[2 * i + 1] - path[2 * i - 1]);
        }
        double[] out = new double[2 * count];
        int seg = 0;
        for (int j = 0; j < count; j++) {
            double t = s[n - 1] * j / (count - 1);
            while (seg < n - 2 && s[seg + 1] < t) {
                seg++;
            }
            double len = s[seg + 1] - s[seg];
            double f = len > 0 ? Math.min(1, Math.max(0, (t - s[seg]) / len)) : 0;
            out[2 * j] = path[2 * seg] + f * (path[2 * seg + 2] - path[2 * seg]);
            out[2 * j + 1] = path[2 * seg + 1] + f * (path[2 * seg + 3] - path[2 * seg + 1]);
        }
        return out;
    }
}
