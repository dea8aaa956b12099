package io.inverseface.benchmarks.fidelity;

/**
 * The point of a triangle nearest to a query point (Ericson, <i>Real-Time Collision Detection</i> §5.1.5:
 * Voronoi regions of the vertices, then of the edges, else the interior), with the feature it lies on —
 * so a caller can tell a true surface match from a clamp onto a mesh border.
 */
public final class ClosestPointOnTriangle {
    /** Feature codes: the interior, the three edges (AB, BC, CA) and the three corners. */
    public static final int FACE = 0, EDGE_AB = 1, EDGE_BC = 2, EDGE_CA = 3, VERTEX_A = 4, VERTEX_B = 5, VERTEX_C = 6;

    private ClosestPointOnTriangle() {
    }

    /**
     * Writes the nearest point of triangle (a, b, c) to p into {@code out[0..2]} and its squared distance
     * into {@code out[3]}; returns the feature code. {@code t} holds the corners at {@code t[o..o+8]}.
     */
    public static int closest(double px, double py, double pz, float[] t, int o, double[] out) {
        double ax = t[o], ay = t[o + 1], az = t[o + 2];
        double abx = t[o + 3] - ax, aby = t[o + 4] - ay, abz = t[o + 5] - az;
        double acx = t[o + 6] - ax, acy = t[o + 7] - ay, acz = t[o + 8] - az;
        double apx = px - ax, apy = py - ay, apz = pz - az;
        double d1 = abx * apx + aby * apy + abz * apz;
        double d2 = acx * apx + acy * apy + acz * apz;
        if (d1 <= 0 && d2 <= 0) {
            return finish(px, py, pz, ax, ay, az, out, VERTEX_A);
        }
        double bpx = px - t[o + 3], bpy = py - t[o + 4], bpz = pz - t[o + 5];
        double d3 = abx * bpx + aby * bpy + abz * bpz;
        double d4 = acx * bpx + acy * bpy + acz * bpz;
        if (d3 >= 0 && d4 <= d3) {
            return finish(px, py, pz, t[o + 3], t[o + 4], t[o + 5], out, VERTEX_B);
        }
        double vc = d1 * d4 - d3 * d2;
        if (vc <= 0 && d1 >= 0 && d3 <= 0) {
            double v = d1 / (d1 - d3);
            return finish(px, py, pz, ax + v * abx, ay + v * aby, az + v * abz, out, EDGE_AB);
        }
        double cpx = px - t[o + 6], cpy = py - t[o + 7], cpz = pz - t[o + 8];
        double d5 = abx * cpx + aby * cpy + abz * cpz;
        double d6 = acx * cpx + acy * cpy + acz * cpz;
        if (d6 >= 0 && d5 <= d6) {
            return finish(px, py, pz, t[o + 6], t[o + 7], t[o + 8], out, VERTEX_C);
        }
        double vb = d5 * d2 - d1 * d6;
        if (vb <= 0 && d2 >= 0 && d6 <= 0) {
            double w = d2 / (d2 - d6);
            return finish(px, py, pz, ax + w * acx, ay + w * acy, az + w * acz, out, EDGE_CA);
        }
        double va = d3 * d6 - d5 * d4;
        if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) {
            double w = (d4 - d3) / ((d4 - d3) + (d5 - d6));
            double bx = t[o + 3], by = t[o + 4], bz = t[o + 5];
            return finish(px, py, pz, bx + w * (t[o + 6] - bx), by + w * (t[o + 7] - by), bz + w * (t[o + 8] - bz),
                    out, EDGE_BC);
        }
        double denom = 1 / (va + vb + vc);
        double v = vb * denom, w = vc * denom;
        return finish(px, py, pz, ax + abx * v + acx * w, ay + aby * v + acy * w, az + abz * v + acz * w, out, FACE);
    }

    private static int finish(double px, double py, double pz, double qx, double qy, double qz, double[] out, int feature) {
        out[0] = qx;
        out[1] = qy;
        out[2] = qz;
        double dx = px - qx, dy = py - qy, dz = pz - qz;
        out[3] = dx * dx + dy * dy + dz * dz;
        return feature;
    }
}
