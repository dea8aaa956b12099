package io.inverseface.render;

/**
 * The triangles incident to each vertex, in compressed rows: vertex v's are
 * {@code faces[start[v] .. start[v + 1])}, in increasing triangle order.
 *
 * @param start per vertex the first entry of its list, plus one past the end (length vertexCount + 1)
 * @param faces triangle indices
 */
public record VertexFaces(int[] start, int[] faces) {

    /** The incidence of {@code triangles} (three vertex indices each) over {@code vertexCount} vertices. */
    public static VertexFaces of(int[] triangles, int vertexCount) {
        int[] start = new int[vertexCount + 1];
        for (int v : triangles) {
            start[v + 1]++;
        }
        for (int i = 0; i < vertexCount; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = java.util.Arrays.copyOf(start, vertexCount);
        int[] faces = new int[triangles.length];
        for (int f = 0; f < triangles.length / 3; f++) {
            for (int c = 0; c < 3; c++) {
                faces[fill[triangles[3 * f + c]]++] = f;
            }
        }
        return new VertexFaces(start, faces);
    }
}
