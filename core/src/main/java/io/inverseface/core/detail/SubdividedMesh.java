package io.inverseface.core.detail;

/**
 * A mesh refined by subdivision, with the map back to its source, level by level: at level l, vertex
 * {@code i} lies between vertices {@code parentA[l][i]} and {@code parentB[l][i]} of level l−1 (equal
 * for a vertex that existed before). That is how per-vertex attributes (albedo, UVs) are carried over.
 *
 * @param positions xyz per fine vertex
 * @param triangles fine triangles (counter-clockwise like the source)
 * @param parentA   per level, first parent of each vertex
 * @param parentB   per level, second parent of each vertex
 */
public record SubdividedMesh(float[] positions, int[] triangles, int[][] parentA, int[][] parentB) {

    public int vertexCount() {
        return positions.length / 3;
    }

    public int levels() {
        return parentA.length;
    }

    /** A per-vertex attribute of width {@code width} carried to the fine mesh: the mean of the parents' values. */
    public float[] carry(float[] sourceAttribute, int width) {
        float[] current = sourceAttribute;
        for (int l = 0; l < parentA.length; l++) {
            int[] a = parentA[l], b = parentB[l];
            float[] next = new float[width * a.length];
            for (int i = 0; i < a.length; i++) {
                for (int c = 0; c < width; c++) {
                    next[width * i + c] = 0.5f * (current[width * a[i] + c] + current[width * b[i] + c]);
                }
            }
            current = next;
        }
        return current == sourceAttribute ? sourceAttribute.clone() : current;
    }
}
