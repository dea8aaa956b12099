package io.inverseface.benchmarks.fidelity;

import io.inverseface.render.Rasterizer;
import io.inverseface.render.VisibilityBuffer;

/**
 * Depth of a mesh seen from a directional light, rendered orthographically with the project's
 * {@link Rasterizer} (both faces: a back face blocks light as well as a front face). A point is lit when it
 * is no farther from the light than the nearest surface at its map pixel, plus a slope-scaled bias that
 * keeps surfaces from shadowing themselves; 3×3 percentage-closer filtering softens the edges by a pixel.
 * Immutable after construction.
 */
public final class ShadowMap {
    private static final int PAD = 4;
    private static final double MAX_BIAS_MM = 6.0;

    private final double ux, uy, uz, vx, vy, vz, lx, ly, lz;
    private final double minU, maxV, pixel;
    private final int width, height;
    private final float[] depth;

    /**
     * @param positions xyz per vertex in the frame of {@code light}
     * @param triangles three indices per triangle
     * @param light     unit direction towards the light
     * @param pixelMm   map pixel size, mm
     */
    public ShadowMap(float[] positions, int[] triangles, double[] light, double pixelMm) {
        lx = light[0];
        ly = light[1];
        lz = light[2];
        // An orthonormal basis (u, v, l): u ⟂ l from a helper axis not parallel to l.
        double ax = Math.abs(ly) < 0.9 ? 0 : 1, ay = Math.abs(ly) < 0.9 ? 1 : 0;
        double cx = ay * lz, cy = -ax * lz, cz = ax * ly - ay * lx; // a × l
        double len = Math.sqrt(cx * cx + cy * cy + cz * cz);
        ux = cx / len;
        uy = cy / len;
        uz = cz / len;
        vx = ly * uz - lz * uy; // l × u
        vy = lz * ux - lx * uz;
        vz = lx * uy - ly * ux;
        pixel = pixelMm;
        double lo = Double.MAX_VALUE, hiU = -Double.MAX_VALUE, loV = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int i = 0; i < positions.length; i += 3) {
            double u = u(positions[i], positions[i + 1], positions[i + 2]);
            double v = v(positions[i], positions[i + 1], positions[i + 2]);
            lo = Math.min(lo, u);
            hiU = Math.max(hiU, u);
            loV = Math.min(loV, v);
            hi = Math.max(hi, v);
        }
        minU = lo;
        maxV = hi;
        width = (int) Math.ceil((hiU - lo) / pixel) + 2 * PAD;
        height = (int) Math.ceil((hi - loV) / pixel) + 2 * PAD;
        float[] screen = new float[positions.length];
        for (int i = 0; i < positions.length; i += 3) {
            double x = positions[i], y = positions[i + 1], z = positions[i + 2];
            screen[i] = (float) sx(x, y, z);
            screen[i + 1] = (float) sy(x, y, z);
            screen[i + 2] = (float) depthOf(x, y, z);
        }
        VisibilityBuffer vis = new VisibilityBuffer(width, height);
        Rasterizer.builder().cullBackFaces(false).build()
                .rasterize(screen, triangles, false, Double.NEGATIVE_INFINITY, vis);
        depth = vis.depth();
    }

    private double u(double x, double y, double z) {
        return x * ux + y * uy + z * uz;
    }

    private double v(double x, double y, double z) {
        return x * vx + y * vy + z * vz;
    }

    private double sx(double x, double y, double z) {
        return (u(x, y, z) - minU) / pixel + PAD;
    }

    private double sy(double x, double y, double z) {
        return (maxV - v(x, y, z)) / pixel + PAD;
    }

    /** Distance along the light, smaller = nearer the light (the rasterizer keeps the smallest). */
    private double depthOf(double x, double y, double z) {
        return -(x * lx + y * ly + z * lz);
    }

    /**
     * Fraction of the 3×3 map pixels around (x, y, z) that do not occlude it, in [0, 1].
     *
     * @param cosine the surface's n·l at the point (sets the slope bias)
     */
    public double lit(double x, double y, double z, double cosine) {
        double c = Math.max(0.05, Math.min(1, cosine));
        double bias = Math.min(MAX_BIAS_MM, pixel * (1.5 + 2.0 * Math.sqrt(1 - c * c) / c));
        double d = depthOf(x, y, z) - bias;
        int px = (int) Math.floor(sx(x, y, z)), py = (int) Math.floor(sy(x, y, z));
        int lit = 0;
        for (int j = -1; j <= 1; j++) {
            for (int i = -1; i <= 1; i++) {
                int qx = px + i, qy = py + j;
                if (qx < 0 || qy < 0 || qx >= width || qy >= height || d <= depth[qy * width + qx]) {
                    lit++;
                }
            }
        }
        return lit / 9.0;
    }
}
