package io.inverseface.core.detail;

import java.util.Arrays;

/**
 * A face region cut out of a model mesh with its own compact vertex numbering: local vertex {@code i} is
 * model vertex {@code modelVertices[i]}, and {@code triangles} index local vertices. The detail stage
 * refines this sub-mesh; per-vertex model attributes are taken over with {@link #gather}.
 *
 * @param modelVertices model vertex of each local vertex, in first-use order of the triangles
 * @param triangles     the region's triangles in local numbering
 */
public record RegionMesh(int[] modelVertices, int[] triangles) {

    /** Cuts out the vertices used by {@code regionTriangles} (model vertex triples) of a model with {@code vertexCount} vertices. */
    public static RegionMesh of(int[] regionTriangles, int vertexCount) {
        int[] local = new int[vertexCount];
        Arrays.fill(local, -1);
        int[] used = new int[vertexCount];
        int count = 0;
        int[] tri = new int[regionTriangles.length];
        for (int i = 0; i < regionTriangles.length; i++) {
            int v = regionTriangles[i];
            if (local[v] < 0) {
                local[v] = count;
                used[count++] = v;
            }
            tri[i] = local[v];
        }
        return new RegionMesh(Arrays.copyOf(used, count), tri);
    }

    public int vertexCount() {
        return modelVertices.length;
    }

    /** The region's rows of a per-model-vertex attribute of width 3 (positions, albedo). */
    public float[] gather(float[] modelAttribute) {
        float[] out = new float[3 * modelVertices.length];
        for (int i = 0; i < modelVertices.length; i++) {
            System.arraycopy(modelAttribute, 3 * modelVertices[i], out, 3 * i, 3);
        }
        return out;
    }
}
