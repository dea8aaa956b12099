package io.inverseface.render;

import java.util.HashMap;
import java.util.Map;

/** Procedural meshes for tests, benchmarks and pictures. */
public final class Meshes {
    private Meshes() { }

    /**
     * An icosphere centred at the origin: an icosahedron whose faces are split into 4 per level with new
     * vertices pushed onto the sphere. {@code 20·4^subdivisions} triangles, counter-clockwise seen from
     * outside (so the outward side is the front face).
     */
    public static Mesh icosphere(int subdivisions, float radius) {
        if (subdivisions < 0 || subdivisions > 8) {
            throw new IllegalArgumentException("subdivisions must be in [0, 8], got " + subdivisions);
        }
        if (!(radius > 0) || !Float.isFinite(radius)) {
            throw new IllegalArgumentException("radius must be positive and finite, got " + radius);
        }
        double p = (1 + Math.sqrt(5)) / 2;
        double[][] base = {
            {-1, p, 0}, {1, p, 0}, {-1, -p, 0}, {1, -p, 0},
            {0, -1, p}, {0, 1, p}, {0, -1, -p}, {0, 1, -p},
            {p, 0, -1}, {p, 0, 1}, {-p, 0, -1}, {-p, 0, 1}};
        int[] faces = {
            0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11,
            1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
            3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9,
            4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
        int finalVertices = 10 * (1 << (2 * subdivisions)) + 2;
        double[] v = new double[3 * finalVertices];
        int count = 0;
        for (double[] b : base) {
            double len = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
            v[3 * count] = b[0] / len; v[3 * count + 1] = b[1] / len; v[3 * count + 2] = b[2] / len;
            count++;
        }
        for (int level = 0; level < subdivisions; level++) {
            Map<Long, Integer> midpoints = new HashMap<>();
            int[] next = new int[faces.length * 4];
            int n = 0;
            for (int f = 0; f < faces.length; f += 3) {
                int a = faces[f], b = faces[f + 1], c = faces[f + 2];
                int ab = midpoint(a, b, v, midpoints, count);
                if (ab == count) count++;
                int bc = midpoint(b, c, v, midpoints, count);
                if (bc == count) count++;
                int ca = midpoint(c, a, v, midpoints, count);
                if (ca == count) count++;
                int[] quad = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
                System.arraycopy(quad, 0, next, n, 12);
                n += 12;
            }
            faces = next;
        }
        float[] pos = new float[3 * count];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = (float) (v[i] * radius);
        }
        // Check orientation: outward normals must follow (b−a)×(c−a); flip all if the first face points inwards.
        int a = 3 * faces[0], b = 3 * faces[1], c = 3 * faces[2];
        double nx = (v[b + 1] - v[a + 1]) * (v[c + 2] - v[a + 2]) - (v[b + 2] - v[a + 2]) * (v[c + 1] - v[a + 1]);
        double ny = (v[b + 2] - v[a + 2]) * (v[c] - v[a]) - (v[b] - v[a]) * (v[c + 2] - v[a + 2]);
        double nz = (v[b] - v[a]) * (v[c + 1] - v[a + 1]) - (v[b + 1] - v[a + 1]) * (v[c] - v[a]);
        if (nx * v[a] + ny * v[a + 1] + nz * v[a + 2] < 0) {
            for (int f = 0; f < faces.length; f += 3) {
                int t = faces[f + 1]; faces[f + 1] = faces[f + 2]; faces[f + 2] = t;
            }
        }
        return new Mesh(pos, faces);
    }

    private static int midpoint(int a, int b, double[] v, Map<Long, Integer> cache, int next) {
        long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
        Integer found = cache.get(key);
        if (found != null) {
            return found;
        }
        double x = (v[3 * a] + v[3 * b]) / 2, y = (v[3 * a + 1] + v[3 * b + 1]) / 2, z = (v[3 * a + 2] + v[3 * b + 2]) / 2;
        double len = Math.sqrt(x * x + y * y + z * z);
        v[3 * next] = x / len; v[3 * next + 1] = y / len; v[3 * next + 2] = z / len;
        cache.put(key, next);
        return next;
    }

    /**
     * A flat grid in the z = 0 plane facing +z: {@code nx × ny} cells of size {@code cell}, starting at
     * (x0, y0), two counter-clockwise triangles per cell.
     */
    public static Mesh grid(int nx, int ny, float x0, float y0, float cell) {
        if (nx <= 0 || ny <= 0) {
            throw new IllegalArgumentException("grid needs positive cell counts, got " + nx + "x" + ny);
        }
        float[] pos = new float[3 * (nx + 1) * (ny + 1)];
        for (int j = 0; j <= ny; j++) {
            for (int i = 0; i <= nx; i++) {
                int k = 3 * (j * (nx + 1) + i);
                pos[k] = x0 + i * cell; pos[k + 1] = y0 + j * cell;
            }
        }
        int[] tri = new int[6 * nx * ny];
        int n = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int a = j * (nx + 1) + i, b = a + 1, c = a + nx + 1, d = c + 1;
                tri[n++] = a; tri[n++] = b; tri[n++] = d;
                tri[n++] = a; tri[n++] = d; tri[n++] = c;
            }
        }
        return new Mesh(pos, tri);
    }
}
