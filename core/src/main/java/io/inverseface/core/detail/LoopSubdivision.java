package io.inverseface.core.detail;

import java.util.HashMap;
import java.util.Map;

/**
 * Loop subdivision (Loop 1987): every triangle splits into four; a new edge vertex is
 * {@code 3/8(a+b) + 1/8(c+d)} (c, d opposite the edge) or the midpoint on a boundary edge; an old
 * vertex of valence k moves to {@code (1−kβ)v + βΣ neighbours} with Warren's β = 3/(8k) (k &gt; 3) or
 * 3/16, and to {@code 3/4 v + 1/8 (two boundary neighbours)} on the boundary. The limit surface is
 * smooth, so the refined mesh shades without the facets that midpoint splitting leaves.
 */
public final class LoopSubdivision {

    private LoopSubdivision() {
    }

    /** Subdivides {@code levels} times (0 returns a copy). */
    public static SubdividedMesh subdivide(float[] positions, int[] triangles, int levels) {
        if (levels < 0) {
            throw new IllegalArgumentException("levels must be >= 0, got " + levels);
        }
        float[] p = positions.clone();
        int[] t = triangles.clone();
        int[][] pa = new int[levels][], pb = new int[levels][];
        for (int l = 0; l < levels; l++) {
            SubdividedMesh next = once(p, t);
            p = next.positions();
            t = next.triangles();
            pa[l] = next.parentA()[0];
            pb[l] = next.parentB()[0];
        }
        return new SubdividedMesh(p, t, pa, pb);
    }

    /** One level of Loop subdivision. */
    static SubdividedMesh once(float[] p, int[] tri) {
        int n = p.length / 3;
        int faces = tri.length / 3;
        // Edge table: key (min, max) → edge index; per edge the two endpoints and up to two opposite vertices.
        Map<Long, Integer> edgeIndex = new HashMap<>(3 * faces);
        int[] ea = new int[3 * faces], eb = new int[3 * faces], oc = new int[3 * faces], od = new int[3 * faces];
        int edges = 0;
        int[] faceEdges = new int[3 * faces];
        for (int f = 0; f < faces; f++) {
            for (int e = 0; e < 3; e++) {
                int a = tri[3 * f + e], b = tri[3 * f + (e + 1) % 3], c = tri[3 * f + (e + 2) % 3];
                long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
                Integer idx = edgeIndex.get(key);
                if (idx == null) {
                    idx = edges++;
                    edgeIndex.put(key, idx);
                    ea[idx] = a;
                    eb[idx] = b;
                    oc[idx] = c;
                    od[idx] = -1;
                } else {
                    od[idx] = c;
                }
                faceEdges[3 * f + e] = idx;
            }
        }
        // Neighbour sums and valences for the vertex rule; boundary vertices use boundary neighbours only.
        double[] sum = new double[3 * n], boundarySum = new double[3 * n];
        int[] valence = new int[n], boundaryCount = new int[n];
        for (int e = 0; e < edges; e++) {
            int a = ea[e], b = eb[e];
            valence[a]++;
            valence[b]++;
            for (int d = 0; d < 3; d++) {
                sum[3 * a + d] += p[3 * b + d];
                sum[3 * b + d] += p[3 * a + d];
            }
            if (od[e] < 0) {
                boundaryCount[a]++;
                boundaryCount[b]++;
                for (int d = 0; d < 3; d++) {
                    boundarySum[3 * a + d] += p[3 * b + d];
                    boundarySum[3 * b + d] += p[3 * a + d];
                }
            }
        }
        float[] out = new float[3 * (n + edges)];
        int[] pa = new int[n + edges], pb = new int[n + edges];
        for (int v = 0; v < n; v++) {
            pa[v] = v;
            pb[v] = v;
            if (boundaryCount[v] == 2) {
                for (int d = 0; d < 3; d++) {
                    out[3 * v + d] = (float) (0.75 * p[3 * v + d] + 0.125 * boundarySum[3 * v + d]);
                }
            } else if (boundaryCount[v] > 0 || valence[v] < 3) {
                System.arraycopy(p, 3 * v, out, 3 * v, 3); // a corner or a non-manifold spot stays put
            } else {
                int k = valence[v];
                double beta = k > 3 ? 3.0 / (8.0 * k) : 3.0 / 16.0;
                for (int d = 0; d < 3; d++) {
                    out[3 * v + d] = (float) ((1 - k * beta) * p[3 * v + d] + beta * sum[3 * v + d]);
                }
            }
        }
        for (int e = 0; e < edges; e++) {
            int v = n + e, a = ea[e], b = eb[e];
            pa[v] = a;
            pb[v] = b;
            for (int d = 0; d < 3; d++) {
                double m = od[e] < 0 ? 0.5 * (p[3 * a + d] + p[3 * b + d])
                        : 0.375 * (p[3 * a + d] + p[3 * b + d]) + 0.125 * (p[3 * oc[e] + d] + p[3 * od[e] + d]);
                out[3 * v + d] = (float) m;
            }
        }
        int[] fine = new int[12 * faces];
        for (int f = 0; f < faces; f++) {
            int a = tri[3 * f], b = tri[3 * f + 1], c = tri[3 * f + 2];
            int ab = n + faceEdges[3 * f], bc = n + faceEdges[3 * f + 1], ca = n + faceEdges[3 * f + 2];
            int o = 12 * f;
            fine[o] = a; fine[o + 1] = ab; fine[o + 2] = ca;
            fine[o + 3] = ab; fine[o + 4] = b; fine[o + 5] = bc;
            fine[o + 6] = ca; fine[o + 7] = bc; fine[o + 8] = c;
            fine[o + 9] = ab; fine[o + 10] = bc; fine[o + 11] = ca;
        }
        return new SubdividedMesh(out, fine, new int[][] {pa}, new int[][] {pb});
    }
}
