package io.inverseface.core.output;

import io.inverseface.core.detail.DetailResult;
import io.inverseface.core.detail.SubdividedMesh;
import io.inverseface.core.model.FaceModel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The detail mesh with texture coordinates: the model's per-corner UVs carried through the subdivision,
 * and every fine vertex that ends up with more than one UV (it lies on a UV seam) split into one output
 * vertex per distinct UV.
 *
 * <p>Why split rather than keep per-corner UVs: glTF and most real-time consumers want one attribute set
 * per vertex, and one vertex list then serves the OBJ, the GLB and the texture baking alike. The split
 * vertices share position, normal and colour, so the surface stays closed for shading; only a mesh
 * tool that welds by index sees the seam. (The ICT face region has no UV seam at all, so in practice
 * nothing is split there.)
 *
 * <p>Carrying the UVs: UVs interpolate linearly over a triangle, so a subdivided corner's UV is the
 * midpoint of its edge's corner UVs in the parent triangle, not the average over the parent vertices'
 * (possibly seam-split) UVs. This follows the child order of
 * {@link io.inverseface.core.detail.LoopSubdivision}: triangle {@code (a, b, c)} becomes
 * {@code (a, ab, ca), (ab, b, bc), (ca, bc, c), (ab, bc, ca)} at indices {@code 4f .. 4f+3}.
 *
 * @param sourceVertex fine vertex of each output vertex
 * @param uvs          u, v per output vertex (v up, the model's convention)
 * @param triangles    output vertex triples, in the fine mesh's order
 * @param splitCount   output vertices added at UV seams
 */
record DetailUvMesh(int[] sourceVertex, float[] uvs, int[] triangles, int splitCount) {

    int vertexCount() {
        return sourceVertex.length;
    }

    /** A per-fine-vertex attribute of width {@code width} gathered to the output vertices. */
    float[] gather(float[] perFineVertex, int width) {
        float[] out = new float[width * sourceVertex.length];
        for (int i = 0; i < sourceVertex.length; i++) {
            System.arraycopy(perFineVertex, width * sourceVertex[i], out, width * i, width);
        }
        return out;
    }

    static DetailUvMesh of(DetailResult detail, FaceModel model) {
        SubdividedMesh fine = detail.subdivided();
        int[] fineTri = fine.triangles();
        int levels = fine.levels();
        int perBase = 1 << (2 * levels); // 4^levels children per level-0 triangle
        int baseCount = fineTri.length / 3 / perBase;
        float[] corner = baseCornerUvs(detail.regionVertices(), fineTri, baseCount, levels, model);
        for (int l = 0; l < levels; l++) {
            corner = splitCornerUvs(corner);
        }
        return splitAtSeams(fineTri, corner, fine.vertexCount());
    }

    /**
     * UVs of the corners of the level-0 (model-resolution) triangles. Their vertices are found in the fine
     * mesh, since Loop subdivision keeps old vertices at their indices and child k of a triangle keeps its
     * corner k; each triangle is then matched with the model triangle of the same three vertices.
     */
    private static float[] baseCornerUvs(int[] regionVertices, int[] fineTri, int baseCount, int levels,
                                         FaceModel model) {
        int[] modelTri = model.triangles();
        int[] uvTri = model.uvTriangles();
        float[] uv = model.uvs();
        Map<Long, Integer> byVertices = new HashMap<>(2 * modelTri.length / 3);
        for (int t = 0; t < modelTri.length / 3; t++) {
            byVertices.put(key(modelTri[3 * t], modelTri[3 * t + 1], modelTri[3 * t + 2]), t);
        }
        int perBase = 1 << (2 * levels);
        int cornerStride = (perBase - 1) / 3; // 1 + 4 + … + 4^(levels−1): descend into child k at every level
        float[] out = new float[6 * baseCount];
        int[] v = new int[3];
        for (int j = 0; j < baseCount; j++) {
            for (int k = 0; k < 3; k++) {
                int f = j * perBase + k * cornerStride;
                v[k] = regionVertices[fineTri[3 * f + k]];
            }
            Integer t = byVertices.get(key(v[0], v[1], v[2]));
            if (t == null) {
                throw new IllegalArgumentException("detail triangle " + j + " (model vertices " + v[0] + ", " + v[1]
                        + ", " + v[2] + ") is not a triangle of model " + model.name()
                        + "; was the reconstruction fitted with another model?");
            }
            for (int k = 0; k < 3; k++) {
                int r = 0;
                while (modelTri[3 * t + r] != v[k]) {
                    r++;
                }
                int u = uvTri[3 * t + r];
                out[6 * j + 2 * k] = uv[2 * u];
                out[6 * j + 2 * k + 1] = uv[2 * u + 1];
            }
        }
        return out;
    }

    /** Orientation-preserving key: the triple rotated so that its smallest index comes first. */
    private static long key(int a, int b, int c) {
        if (b < a && b < c) {
            return key(b, c, a);
        }
        if (c < a && c < b) {
            return key(c, a, b);
        }
        return ((long) a << 42) | ((long) b << 21) | c;
    }

    /** One subdivision level of corner UVs, in LoopSubdivision's child order. */
    private static float[] splitCornerUvs(float[] corner) {
        int faces = corner.length / 6;
        float[] out = new float[4 * corner.length];
        for (int f = 0; f < faces; f++) {
            int i = 6 * f;
            float au = corner[i], av = corner[i + 1], bu = corner[i + 2], bv = corner[i + 3];
            float cu = corner[i + 4], cv = corner[i + 5];
            float abu = 0.5f * (au + bu), abv = 0.5f * (av + bv);
            float bcu = 0.5f * (bu + cu), bcv = 0.5f * (bv + cv);
            float cau = 0.5f * (cu + au), cav = 0.5f * (cv + av);
            int o = 24 * f;
            put(out, o, au, av, abu, abv, cau, cav);
            put(out, o + 6, abu, abv, bu, bv, bcu, bcv);
            put(out, o + 12, cau, cav, bcu, bcv, cu, cv);
            put(out, o + 18, abu, abv, bcu, bcv, cau, cav);
        }
        return out;
    }

    private static void put(float[] out, int o, float u0, float v0, float u1, float v1, float u2, float v2) {
        out[o] = u0; out[o + 1] = v0; out[o + 2] = u1; out[o + 3] = v1; out[o + 4] = u2; out[o + 5] = v2;
    }

    /**
     * One output vertex per (fine vertex, distinct UV). Midpoints are computed from the same two floats on
     * both sides of an interior edge (addition commutes exactly), so exact comparison finds the seams.
     */
    private static DetailUvMesh splitAtSeams(int[] fineTri, float[] corner, int fineVertices) {
        float[] uvs = new float[2 * fineVertices];
        boolean[] seen = new boolean[fineVertices];
        int[] tri = new int[fineTri.length];
        Map<SeamKey, Integer> extra = new LinkedHashMap<>();
        for (int c = 0; c < fineTri.length; c++) {
            int v = fineTri[c];
            float u = corner[2 * c], w = corner[2 * c + 1];
            if (!seen[v]) {
                seen[v] = true;
                uvs[2 * v] = u;
                uvs[2 * v + 1] = w;
                tri[c] = v;
            } else if (uvs[2 * v] == u && uvs[2 * v + 1] == w) {
                tri[c] = v;
            } else {
                tri[c] = extra.computeIfAbsent(new SeamKey(v, u, w), k -> fineVertices + extra.size());
            }
        }
        int count = fineVertices + extra.size();
        int[] source = new int[count];
        for (int v = 0; v < fineVertices; v++) {
            source[v] = v;
        }
        uvs = Arrays.copyOf(uvs, 2 * count);
        for (Map.Entry<SeamKey, Integer> e : extra.entrySet()) {
            int i = e.getValue();
            source[i] = e.getKey().vertex();
            uvs[2 * i] = e.getKey().u();
            uvs[2 * i + 1] = e.getKey().v();
        }
        return new DetailUvMesh(source, uvs, tri, extra.size());
    }

    /** A seam copy of a fine vertex: the vertex and one of its extra UVs. */
    private record SeamKey(int vertex, float u, float v) {
    }
}
