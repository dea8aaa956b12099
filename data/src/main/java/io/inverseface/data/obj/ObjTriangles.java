package io.inverseface.data.obj;

/**
 * An {@link ObjMesh}'s polygons split into triangle fans {@code (a, b, c), (a, c, d), ...}.
 *
 * @param vertices vertex index triples (0-based)
 * @param uvs      UV index triples, −1 where a corner has no texture coordinate
 * @param polygons per triangle, the polygon it came from
 */
public record ObjTriangles(int[] vertices, int[] uvs, int[] polygons) {

    /** Fan-triangulates every polygon of {@code mesh}. */
    public static ObjTriangles of(ObjMesh mesh) {
        int count = 0;
        for (int p = 0; p < mesh.polygonCount(); p++) {
            count += mesh.arity(p) - 2;
        }
        int[] tri = new int[3 * count], uvTri = new int[3 * count], polygon = new int[count];
        int[] off = mesh.polygonOffsets(), pv = mesh.polygonVertices(), pu = mesh.polygonUvs();
        int t = 0;
        for (int p = 0; p < mesh.polygonCount(); p++) {
            int a = off[p];
            for (int c = a + 1; c + 1 < off[p + 1]; c++) {
                tri[3 * t] = pv[a]; tri[3 * t + 1] = pv[c]; tri[3 * t + 2] = pv[c + 1];
                uvTri[3 * t] = pu[a]; uvTri[3 * t + 1] = pu[c]; uvTri[3 * t + 2] = pu[c + 1];
                polygon[t++] = p;
            }
        }
        return new ObjTriangles(tri, uvTri, polygon);
    }

    /** Index of the first triangle with a corner lacking a texture coordinate, or −1 when all have one. */
    public int firstWithoutUvs() {
        for (int i = 0; i < uvs.length; i++) {
            if (uvs[i] < 0) {
                return i / 3;
            }
        }
        return -1;
    }
}
