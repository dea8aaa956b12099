package io.inverseface.benchmarks.fidelity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Nearest-point queries on a triangle surface through a uniform grid: triangles are binned by bounding
 * box, and a query visits cells in growing Chebyshev rings around its cell until no unvisited cell can
 * hold anything nearer than the best found (exact, not approximate). The index also knows the surface's
 * border (edges used by one triangle), so a match clamped onto the border — a point beyond the surface's
 * extent — can be told from a true match. Immutable after construction; queries are thread-safe.
 */
public final class SurfaceIndex {
    private final float[] corners; // 9 per triangle: the corners, for locality
    private final float[] boxes;   // 6 per triangle: min xyz, max xyz
    private final byte[] borderFeatures; // per triangle: bit f set when feature f (ClosestPointOnTriangle code) is on the border
    private final double minX, minY, minZ, cell;
    private final int nx, ny, nz;
    private final int[] cellStart, cellTriangles;

    /** Target mean number of triangles per occupied cell. */
    private static final double TRIANGLES_PER_CELL = 4;

    public SurfaceIndex(float[] positions, int[] triangles) {
        int t = triangles.length / 3;
        if (t == 0) {
            throw new IllegalArgumentException("surface has no triangles");
        }
        corners = new float[9 * t];
        boxes = new float[6 * t];
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        double area = 0;
        for (int i = 0; i < t; i++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(positions, 3 * triangles[3 * i + c], corners, 9 * i + 3 * c, 3);
            }
            for (int d = 0; d < 3; d++) {
                float a = corners[9 * i + d], b = corners[9 * i + 3 + d], c = corners[9 * i + 6 + d];
                boxes[6 * i + d] = Math.min(a, Math.min(b, c));
                boxes[6 * i + 3 + d] = Math.max(a, Math.max(b, c));
                lo[d] = Math.min(lo[d], boxes[6 * i + d]);
                hi[d] = Math.max(hi[d], boxes[6 * i + 3 + d]);
            }
            area += triangleArea(corners, 9 * i);
        }
        // Cell edge so that a surface of this area puts ~TRIANGLES_PER_CELL triangles into each cell it
        // crosses (a surface crosses about area / cell² cells).
        double meanArea = area / t;
        double c = Math.sqrt(TRIANGLES_PER_CELL * Math.max(meanArea, 1e-12));
        double extent = Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2]));
        c = Math.max(c, extent / 256); // cap the grid at 256 cells a side
        cell = c > 0 ? c : 1;
        minX = lo[0];
        minY = lo[1];
        minZ = lo[2];
        nx = Math.max(1, (int) Math.ceil((hi[0] - lo[0]) / cell) + 1);
        ny = Math.max(1, (int) Math.ceil((hi[1] - lo[1]) / cell) + 1);
        nz = Math.max(1, (int) Math.ceil((hi[2] - lo[2]) / cell) + 1);
        // Two passes over the triangles' cell ranges: count per cell, then fill (compressed rows).
        int[] start = new int[nx * ny * nz + 1];
        int[] fill = null, tris = null;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < t; i++) {
                int x0 = cx(boxes[6 * i]), x1 = cx(boxes[6 * i + 3]);
                int y0 = cy(boxes[6 * i + 1]), y1 = cy(boxes[6 * i + 4]);
                int z0 = cz(boxes[6 * i + 2]), z1 = cz(boxes[6 * i + 5]);
                for (int z = z0; z <= z1; z++) {
                    for (int y = y0; y <= y1; y++) {
                        for (int x = x0; x <= x1; x++) {
                            int k = (z * ny + y) * nx + x;
                            if (pass == 0) {
                                start[k + 1]++;
                            } else {
                                tris[fill[k]++] = i;
                            }
                        }
                    }
                }
            }
            if (pass == 0) {
                for (int k = 0; k + 1 < start.length; k++) {
                    start[k + 1] += start[k];
                }
                fill = Arrays.copyOf(start, start.length - 1);
                tris = new int[start[start.length - 1]];
            }
        }
        cellStart = start;
        cellTriangles = tris;
        borderFeatures = borderFeatures(triangles, positions.length / 3);
    }

    public int triangleCount() {
        return boxes.length / 6;
    }

    private int cx(double x) {
        return Math.max(0, Math.min(nx - 1, (int) ((x - minX) / cell)));
    }

    private int cy(double y) {
        return Math.max(0, Math.min(ny - 1, (int) ((y - minY) / cell)));
    }

    private int cz(double z) {
        return Math.max(0, Math.min(nz - 1, (int) ((z - minZ) / cell)));
    }

    /**
     * The nearest surface point to (x, y, z): writes it to {@code out[0..2]}, the squared distance to
     * {@code out[3]} and 1 to {@code out[4]} when it lies on the surface's border (else 0); returns the
     * triangle. {@code scratch} needs 4 values.
     */
    public int nearest(double x, double y, double z, double[] out, double[] scratch) {
        int ix = cx(x), iy = cy(y), iz = cz(z);
        int maxRing = Math.max(Math.max(Math.max(ix, nx - 1 - ix), Math.max(iy, ny - 1 - iy)),
                Math.max(iz, nz - 1 - iz));
        double best = Double.MAX_VALUE;
        int bestTri = -1, bestFeature = 0;
        for (int r = 0; r <= maxRing; r++) {
            for (int dz = -r; dz <= r; dz++) {
                int zc = iz + dz;
                if (zc < 0 || zc >= nz) {
                    continue;
                }
                for (int dy = -r; dy <= r; dy++) {
                    int yc = iy + dy;
                    if (yc < 0 || yc >= ny) {
                        continue;
                    }
                    boolean shell = Math.abs(dz) == r || Math.abs(dy) == r;
                    // Inside the ring's shell only the two x ends are new, unless z or y is on the shell.
                    int step = shell ? 1 : Math.max(1, 2 * r);
                    for (int dx = -r; dx <= r; dx += step) {
                        int xc = ix + dx;
                        if (xc < 0 || xc >= nx) {
                            continue;
                        }
                        int k = (zc * ny + yc) * nx + xc;
                        for (int j = cellStart[k], end = cellStart[k + 1]; j < end; j++) {
                            int tri = cellTriangles[j];
                            if (boxDistance2(tri, x, y, z) >= best) {
                                continue;
                            }
                            int f = ClosestPointOnTriangle.closest(x, y, z, corners, 9 * tri, scratch);
                            if (scratch[3] < best) {
                                best = scratch[3];
                                bestTri = tri;
                                bestFeature = f;
                                out[0] = scratch[0];
                                out[1] = scratch[1];
                                out[2] = scratch[2];
                            }
                        }
                    }
                }
            }
            // The clamped query lies in its cell, so cells beyond ring r are at least r·cell away (and
            // clamping onto the grid box never lengthens distances to points inside it).
            double reach = r * cell;
            if (bestTri >= 0 && best <= reach * reach) {
                break;
            }
        }
        out[3] = best;
        out[4] = (borderFeatures[bestTri] >> bestFeature & 1) != 0 ? 1 : 0;
        return bestTri;
    }

    private double boxDistance2(int tri, double x, double y, double z) {
        int o = 6 * tri;
        double dx = Math.max(0, Math.max(boxes[o] - x, x - boxes[o + 3]));
        double dy = Math.max(0, Math.max(boxes[o + 1] - y, y - boxes[o + 4]));
        double dz = Math.max(0, Math.max(boxes[o + 2] - z, z - boxes[o + 5]));
        return dx * dx + dy * dy + dz * dz;
    }

    private static double triangleArea(float[] c, int o) {
        double ux = c[o + 3] - c[o], uy = c[o + 4] - c[o + 1], uz = c[o + 5] - c[o + 2];
        double vx = c[o + 6] - c[o], vy = c[o + 7] - c[o + 1], vz = c[o + 8] - c[o + 2];
        double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
        return 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
    }

    /** Per triangle, the bit mask of its features (edges and corners) that lie on the border. */
    private static byte[] borderFeatures(int[] triangles, int vertexCount) {
        Map<Long, Integer> edgeUse = new HashMap<>();
        for (int i = 0; i < triangles.length; i += 3) {
            for (int e = 0; e < 3; e++) {
                edgeUse.merge(edgeKey(triangles[i + e], triangles[i + (e + 1) % 3]), 1, Integer::sum);
            }
        }
        boolean[] borderVertex = new boolean[vertexCount];
        byte[] out = new byte[triangles.length / 3];
        // Edge e of a triangle runs corner e → corner e+1: AB, BC, CA in ClosestPointOnTriangle's codes.
        int[] edgeCode = {ClosestPointOnTriangle.EDGE_AB, ClosestPointOnTriangle.EDGE_BC, ClosestPointOnTriangle.EDGE_CA};
        for (int i = 0; i < triangles.length; i += 3) {
            for (int e = 0; e < 3; e++) {
                int a = triangles[i + e], b = triangles[i + (e + 1) % 3];
                if (edgeUse.get(edgeKey(a, b)) == 1) {
                    out[i / 3] |= (byte) (1 << edgeCode[e]);
                    borderVertex[a] = true;
                    borderVertex[b] = true;
                }
            }
        }
        for (int i = 0; i < triangles.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                if (borderVertex[triangles[i + c]]) {
                    out[i / 3] |= (byte) (1 << (ClosestPointOnTriangle.VERTEX_A + c));
                }
            }
        }
        return out;
    }

    private static long edgeKey(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }
}
