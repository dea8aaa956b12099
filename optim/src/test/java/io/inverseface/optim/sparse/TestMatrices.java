package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.csc.CommonOps_DSCC;

import java.util.Random;

/** Test fixtures: sparse random matrices, shifted Laplacians, a UV sphere. */
final class TestMatrices {
    private TestMatrices() {
    }

    /** M = Lap + shift·I: SPD. */
    static DMatrixSparseCSC shiftedLaplacian(DMatrixSparseCSC lap, double shift) {
        return CommonOps_DSCC.add(1, lap, shift, CommonOps_DSCC.identity(lap.numCols), null, null, null);
    }

    /** Random m×n sparse matrix with about {@code perRow} nonzeros per row in [-1, 1]. */
    static DMatrixSparseCSC randomSparse(int m, int n, int perRow, Random rnd) {
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(m, n, m * perRow);
        boolean[] used = new boolean[n];
        for (int i = 0; i < m; i++) {
            int[] cols = new int[perRow];
            for (int k = 0; k < perRow; k++) {
                int c;
                do {
                    c = rnd.nextInt(n);
                } while (used[c]);
                used[c] = true;
                cols[k] = c;
                t.addItem(i, c, 2 * rnd.nextDouble() - 1);
            }
            for (int c : cols) {
                used[c] = false;
            }
        }
        return DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
    }

    static DMatrixRMaj dense(DMatrixSparseCSC m) {
        return DConvertMatrixStruct.convert(m, (DMatrixRMaj) null);
    }

    /** Triangles of a UV sphere with {@code rings}×{@code segments} grid plus two poles. */
    static int[] uvSphereTriangles(int rings, int segments) {
        // vertices: 0 = north pole, 1..rings*segments ring vertices, last = south pole
        int south = 1 + rings * segments;
        int[] tri = new int[3 * (2 * segments + 2 * (rings - 1) * segments)];
        int f = 0;
        for (int s = 0; s < segments; s++) {
            int s1 = (s + 1) % segments;
            tri[f++] = 0; tri[f++] = 1 + s; tri[f++] = 1 + s1;
            int base = 1 + (rings - 1) * segments;
            tri[f++] = south; tri[f++] = base + s1; tri[f++] = base + s;
        }
        for (int r = 0; r < rings - 1; r++) {
            for (int s = 0; s < segments; s++) {
                int s1 = (s + 1) % segments;
                int a = 1 + r * segments + s, b = 1 + r * segments + s1;
                int c = 1 + (r + 1) * segments + s, d = 1 + (r + 1) * segments + s1;
                tri[f++] = a; tri[f++] = c; tri[f++] = b;
                tri[f++] = b; tri[f++] = c; tri[f++] = d;
            }
        }
        return tri;
    }

    static int uvSphereVertexCount(int rings, int segments) {
        return 2 + rings * segments;
    }
}
