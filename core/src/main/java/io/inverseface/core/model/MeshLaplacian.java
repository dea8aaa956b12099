package io.inverseface.core.model;

import java.util.Arrays;

/**
 * The cotangent Laplacian {@code L} of a triangle mesh and its lumped (barycentric) mass
 * matrix {@code M}, the discretisation of the Laplace–Beltrami operator as the generalised
 * problem {@code L φ = λ M φ}:
 * {@code L_ij = −½ (cot α_ij + cot β_ij)} for an edge (i, j) with opposite angles α, β,
 * {@code L_ii = −Σ_j L_ij}; {@code M_ii = (area of the triangles around i) / 3}, here
 * normalised so that {@code Σ M_ii = 1} (the M-inner product is then an area-weighted mean).
 * {@code L} is stored as symmetric CSR including the diagonal.
 */
public final class MeshLaplacian {
    private final int n;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] values;
    private final double[] mass;

    private MeshLaplacian(int n, int[] rowStart, int[] columns, double[] values, double[] mass) {
        this.n = n;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
        this.mass = mass;
    }

    /**
     * Builds the operators for {@code positions} (xyz per vertex) and {@code triangles}.
     * Cotangents of degenerate triangles are clamped so that a sliver cannot dominate.
     */
    public static MeshLaplacian cotangent(float[] positions, int[] triangles) {
        int n = positions.length / 3;
        int[][] adjacency = adjacency(n, triangles);
        int[] rowStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] = rowStart[i] + adjacency[i].length + 1;
        }
        int[] columns = new int[rowStart[n]];
        for (int i = 0; i < n; i++) {
            // Row i: sorted neighbours with the diagonal merged in order.
            int[] row = Arrays.copyOf(adjacency[i], adjacency[i].length + 1);
            row[row.length - 1] = i;
            Arrays.sort(row);
            System.arraycopy(row, 0, columns, rowStart[i], row.length);
        }
        double[] values = new double[columns.length];
        double[] mass = new double[n];
        double totalArea = 0;
        for (int t = 0; t < triangles.length; t += 3) {
            int a = triangles[t], b = triangles[t + 1], c = triangles[t + 2];
            double area = 0.5 * crossNorm(positions, a, b, c);
            totalArea += area;
            mass[a] += area / 3; mass[b] += area / 3; mass[c] += area / 3;
            // cot of the angle at the third vertex weighs the opposite edge.
            addEdge(rowStart, columns, values, a, b, cot(positions, c, a, b));
            addEdge(rowStart, columns, values, b, c, cot(positions, a, b, c));
            addEdge(rowStart, columns, values, c, a, cot(positions, b, c, a));
        }
        if (!(totalArea > 0)) {
            throw new IllegalArgumentException("mesh has zero area");
        }
        double minMass = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            mass[i] /= totalArea;
            if (mass[i] > 0) {
                minMass = Math.min(minMass, mass[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            // Isolated vertices get a small mass so M stays positive definite.
            if (mass[i] == 0) {
                mass[i] = minMass;
            }
        }
        return new MeshLaplacian(n, rowStart, columns, values, mass);
    }

    private static int[][] adjacency(int n, int[] triangles) {
        int[] degree = new int[n];
        for (int t = 0; t < triangles.length; t++) {
            degree[triangles[t]] += 2;
        }
        int[][] nb = new int[n][];
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            nb[i] = new int[degree[i]];
        }
        for (int t = 0; t < triangles.length; t += 3) {
            for (int e = 0; e < 3; e++) {
                int i = triangles[t + e], j = triangles[t + (e + 1) % 3];
                nb[i][count[i]++] = j;
                nb[j][count[j]++] = i;
            }
        }
        for (int i = 0; i < n; i++) {
            int[] s = Arrays.copyOf(nb[i], count[i]);
            Arrays.sort(s);
            int u = 0;
            for (int k = 0; k < s.length; k++) {
                if (s[k] != i && (u == 0 || s[u - 1] != s[k])) {
                    s[u++] = s[k];
                }
            }
            nb[i] = Arrays.copyOf(s, u);
        }
        return nb;
    }

    private static void addEdge(int[] rowStart, int[] columns, double[] values, int i, int j, double cot) {
        double w = 0.5 * cot;
        values[find(rowStart, columns, i, j)] -= w;
        values[find(rowStart, columns, j, i)] -= w;
        values[find(rowStart, columns, i, i)] += w;
        values[find(rowStart, columns, j, j)] += w;
    }

    private static int find(int[] rowStart, int[] columns, int i, int j) {
        return Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
    }

    private static double cot(float[] p, int apex, int b, int c) {
        double ux = p[3 * b] - p[3 * apex], uy = p[3 * b + 1] - p[3 * apex + 1], uz = p[3 * b + 2] - p[3 * apex + 2];
        double vx = p[3 * c] - p[3 * apex], vy = p[3 * c + 1] - p[3 * apex + 1], vz = p[3 * c + 2] - p[3 * apex + 2];
        double dot = ux * vx + uy * vy + uz * vz;
        double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
        double cross = Math.sqrt(cx * cx + cy * cy + cz * cz);
        double cot = dot / Math.max(cross, 1e-12);
        return Math.max(-1e3, Math.min(1e3, cot));
    }

    private static double crossNorm(float[] p, int a, int b, int c) {
        double ux = p[3 * b] - p[3 * a], uy = p[3 * b + 1] - p[3 * a + 1], uz = p[3 * b + 2] - p[3 * a + 2];
        double vx = p[3 * c] - p[3 * a], vy = p[3 * c + 1] - p[3 * a + 1], vz = p[3 * c + 2] - p[3 * a + 2];
        double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
        return Math.sqrt(cx * cx + cy * cy + cz * cz);
    }

    public int size() {
        return n;
    }

    /** A copy of the lumped mass diagonal (sums to 1). */
    public double[] mass() {
        return mass.clone();
    }

    /** The live mass array, for hot loops in this package. */
    double[] massArray() {
        return mass;
    }

    double massAt(int i) {
        return mass[i];
    }

    int[] rowStart() {
        return rowStart;
    }

    int[] columns() {
        return columns;
    }

    double[] values() {
        return values;
    }

    /** {@code y = L x}. */
    public void multiply(double[] x, double[] y) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                s += values[k] * x[columns[k]];
            }
            y[i] = s;
        }
    }

    /** The Dirichlet energy {@code xᵀ L x} of a per-vertex scalar field. */
    public double energy(double[] x) {
        double e = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                s += values[k] * x[columns[k]];
            }
            e += x[i] * s;
        }
        return e;
    }

    /** The M-inner product {@code xᵀ M y}. */
    public double massDot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += mass[i] * x[i] * y[i];
        }
        return s;
    }

    /** Neighbours of vertex {@code i} (without itself). */
    int[] neighbours(int i) {
        int[] out = new int[rowStart[i + 1] - rowStart[i] - 1];
        int u = 0;
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            if (columns[k] != i) {
                out[u++] = columns[k];
            }
        }
        return out;
    }
}
