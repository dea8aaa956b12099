package io.inverseface.render;

import java.util.Objects;

/**
 * A triangle mesh over primitive arrays: {@code positions} holds x, y, z per vertex (interleaved,
 * length 3·V) and {@code triangles} holds three vertex indices per triangle (counter-clockwise
 * seen from the front, length 3·T). Arrays are owned by the mesh once passed in; callers that keep
 * mutating their arrays must copy first. Units are the caller's (the face model uses millimetres).
 */
public final class Mesh {
    private final float[] positions;
    private final int[] triangles;

    public Mesh(float[] positions, int[] triangles) {
        this.positions = Objects.requireNonNull(positions, "positions");
        this.triangles = Objects.requireNonNull(triangles, "triangles");
        if (positions.length % 3 != 0) {
            throw new IllegalArgumentException("positions length " + positions.length + " is not a multiple of 3");
        }
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles length " + triangles.length + " is not a multiple of 3");
        }
        int v = positions.length / 3;
        for (int i = 0; i < triangles.length; i++) {
            if (triangles[i] < 0 || triangles[i] >= v) {
                throw new IllegalArgumentException("triangle index " + triangles[i] + " at " + i + " outside [0, " + v + ")");
            }
        }
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    /** The live position array (x, y, z per vertex). */
    public float[] positions() {
        return positions;
    }

    /** The live index array (three per triangle). */
    public int[] triangles() {
        return triangles;
    }

    /** Area-weighted vertex normals of this mesh, unit length (zero for isolated vertices). */
    public float[] vertexNormals() {
        float[] normals = new float[positions.length];
        vertexNormals(positions, triangles, normals);
        return normals;
    }

    /**
     * Area-weighted vertex normals: each vertex sums the unnormalised cross products
     * {@code (b − a) × (c − a)} of its triangles (whose length is twice the area), then normalises.
     * Writes into {@code out} (length 3·V) without allocating, for use in solver loops.
     */
    public static void vertexNormals(float[] positions, int[] triangles, float[] out) {
        java.util.Arrays.fill(out, 0f);
        for (int t = 0; t < triangles.length; t += 3) {
            int a = 3 * triangles[t], b = 3 * triangles[t + 1], c = 3 * triangles[t + 2];
            float e1x = positions[b] - positions[a], e1y = positions[b + 1] - positions[a + 1], e1z = positions[b + 2] - positions[a + 2];
            float e2x = positions[c] - positions[a], e2y = positions[c + 1] - positions[a + 1], e2z = positions[c + 2] - positions[a + 2];
            float nx = e1y * e2z - e1z * e2y, ny = e1z * e2x - e1x * e2z, nz = e1x * e2y - e1y * e2x;
            out[a] += nx; out[a + 1] += ny; out[a + 2] += nz;
            out[b] += nx; out[b + 1] += ny; out[b + 2] += nz;
            out[c] += nx; out[c + 1] += ny; out[c + 2] += nz;
        }
        for (int i = 0; i < out.length; i += 3) {
            float len = (float) Math.sqrt(out[i] * out[i] + out[i + 1] * out[i + 1] + out[i + 2] * out[i + 2]);
            if (len > 0f) {
                out[i] /= len; out[i + 1] /= len; out[i + 2] /= len;
            }
        }
    }
}
