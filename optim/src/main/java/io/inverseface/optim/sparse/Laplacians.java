package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;

/**
 * Builders of common regularisation operators {@code L} for {@link L1Problem}.
 */
public final class Laplacians {
    private Laplacians() {
    }

    /**
     * Forward difference {@code (L·x)_i = x_{i+1} − x_i}, (n−1)×n: the 1-D total-variation operator.
     */
    public static DMatrixSparseCSC forwardDifference(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("forward difference needs n >= 2, got " + n);
        }
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n - 1, n, 2 * (n - 1));
        for (int i = 0; i < n - 1; i++) {
            t.addItem(i, i, -1);
            t.addItem(i, i + 1, 1);
        }
        return DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
    }

    /**
     * 5-point graph Laplacian of an nx×ny grid (row-major unknowns, {@code i = y·nx + x}):
     * {@code (L·v)_i = deg(i)·v_i − Σ_{j~i} v_j}, symmetric positive semi-definite.
     */
    public static DMatrixSparseCSC grid(int nx, int ny) {
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("grid size must be positive, got " + nx + "x" + ny);
        }
        int n = nx * ny;
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, n, 5 * n);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = y * nx + x;
                int deg = 0;
                if (x > 0) { t.addItem(i, i - 1, -1); deg++; }
                if (x < nx - 1) { t.addItem(i, i + 1, -1); deg++; }
                if (y > 0) { t.addItem(i, i - nx, -1); deg++; }
                if (y < ny - 1) { t.addItem(i, i + nx, -1); deg++; }
                t.addItem(i, i, deg);
            }
        }
        return DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
    }

    /**
     * Uniform (umbrella) graph Laplacian of a triangle mesh: {@code (L·v)_i = deg(i)·v_i − Σ_{j~i} v_j}
     * over the mesh edges.
     *
     * @param triangles   vertex indices, three per triangle
     * @param numVertices number of vertices
     */
    public static DMatrixSparseCSC uniformMesh(int[] triangles, int numVertices) {
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangle index array length must be a multiple of 3");
        }
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(numVertices, numVertices, 2 * triangles.length);
        for (int f = 0; f < triangles.length; f += 3) {
            for (int e = 0; e < 3; e++) {
                int i = triangles[f + e];
                int j = triangles[f + (e + 1) % 3];
                if (i < 0 || j < 0 || i >= numVertices || j >= numVertices) {
                    throw new IllegalArgumentException("triangle " + f / 3 + " has a vertex index out of range");
                }
                // Each interior edge is seen by two triangles: weight ½ per sighting, and
                // duplicates are summed on conversion.
                t.addItem(i, j, -0.5);
                t.addItem(j, i, -0.5);
            }
        }
        DMatrixSparseCSC off = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
        // Boundary edges are seen once; make every edge weight exactly −1.
        for (int k = 0; k < off.nz_length; k++) {
            off.nz_values[k] = -1;
        }
        DMatrixSparseTriplet d = new DMatrixSparseTriplet(numVertices, numVertices, numVertices);
        for (int j = 0; j < numVertices; j++) {
            d.addItem(j, j, off.col_idx[j + 1] - off.col_idx[j]);
        }
        DMatrixSparseCSC diag = DConvertMatrixStruct.convert(d, (DMatrixSparseCSC) null);
        return org.ejml.sparse.csc.CommonOps_DSCC.add(1, off, 1, diag, null, null, null);
    }
}
