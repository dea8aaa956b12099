package io.inverseface.benchmarks.optim;

import io.inverseface.optim.sparse.L1Problem;
import io.inverseface.optim.sparse.Laplacians;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.csc.CommonOps_DSCC;

import java.util.Random;

/** Mesh-like detail-stage problems and system matrices shared by the L1 benchmarks. */
public final class L1BenchmarkProblems {
    private L1BenchmarkProblems() {
    }

    /** Side of the square grid with about {@code unknowns} vertices. */
    public static int side(int unknowns) {
        return (int) Math.round(Math.sqrt(unknowns));
    }

    /**
     * Detail-stage-like problem on a side×side grid: A has 2 nonzeros per row (a per-vertex shading
     * weight and a weaker neighbour term, like a linearised shading Jacobian), L is the grid
     * Laplacian, the truth is a smooth bump with a sharp crease.
     */
    public static L1Problem gridDetailProblem(int side, long seed) {
        Random rnd = new Random(seed);
        int n = side * side;
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, n, 2 * n);
        for (int i = 0; i < n; i++) {
            t.addItem(i, i, 0.7 + 0.6 * rnd.nextDouble());
            int j = (i % side) < side - 1 ? i + 1 : i - 1;
            t.addItem(i, j, -0.2 + 0.4 * rnd.nextDouble());
        }
        DMatrixSparseCSC a = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
        double[] truth = new double[n];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double u = (x - side / 2.0) / side;
                double v = (y - side / 2.0) / side;
                truth[y * side + x] = Math.exp(-8 * (u * u + v * v)) + (x > side / 3 ? 0.1 : 0.0);
            }
        }
        double[] b = new double[n];
        DMatrixSparseCSC trow = a;
        for (int j = 0; j < n; j++) {
            for (int k = trow.col_idx[j]; k < trow.col_idx[j + 1]; k++) {
                b[trow.nz_rows[k]] += trow.nz_values[k] * truth[j];
            }
        }
        for (int i = 0; i < n; i++) {
            b[i] += 0.01 * rnd.nextGaussian();
        }
        return new L1Problem(a, b, 1e-3, 0.02, Laplacians.grid(side, side));
    }

    /** Shifted 2-D grid Laplacian {@code Lap + 0.01·I} (SPD). */
    public static DMatrixSparseCSC gridSystem(int side) {
        DMatrixSparseCSC lap = Laplacians.grid(side, side);
        return CommonOps_DSCC.add(1, lap, 0.01, CommonOps_DSCC.identity(lap.numCols), null, null, null);
    }

    /** Shifted uniform Laplacian of a UV sphere with about {@code unknowns} vertices. */
    public static DMatrixSparseCSC sphereSystem(int unknowns) {
        int rings = (int) Math.round(Math.sqrt(unknowns / 2.0));
        int segments = Math.max(3, (unknowns - 2) / rings);
        int n = 2 + rings * segments;
        DMatrixSparseCSC lap = Laplacians.uniformMesh(uvSphereTriangles(rings, segments), n);
        return CommonOps_DSCC.add(1, lap, 0.01, CommonOps_DSCC.identity(n), null, null, null);
    }

    /** Triangles of a UV sphere: north pole 0, rings×segments ring vertices, south pole last. */
    static int[] uvSphereTriangles(int rings, int segments) {
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
}
