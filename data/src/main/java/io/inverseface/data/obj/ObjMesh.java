package io.inverseface.data.obj;

/**
 * The geometry of a Wavefront OBJ file over primitive arrays. Polygons may have any arity:
 * polygon {@code p} uses corners {@code polygonOffsets[p] .. polygonOffsets[p+1]-1} of
 * {@code polygonVertices} (0-based vertex indices) and {@code polygonUvs} (0-based UV indices, or
 * −1 where the corner has none).
 *
 * @param positions      x, y, z per vertex (length 3·V)
 * @param uvs            u, v per texture coordinate (length 2·U)
 * @param polygonOffsets start of each polygon's corners, plus the end (length P+1)
 * @param polygonVertices vertex index per corner
 * @param polygonUvs     UV index per corner, −1 where absent
 */
public record ObjMesh(float[] positions, float[] uvs, int[] polygonOffsets, int[] polygonVertices, int[] polygonUvs) {

    public int vertexCount() {
        return positions.length / 3;
    }

    public int uvCount() {
        return uvs.length / 2;
    }

    public int polygonCount() {
        return polygonOffsets.length - 1;
    }

    /** Number of corners of polygon {@code p}. */
    public int arity(int p) {
        return polygonOffsets[p + 1] - polygonOffsets[p];
    }
}
