package io.inverseface.render;

import java.util.Arrays;
import org.ejml.data.DMatrixSparseCSC;

/**
 * The cotangent Laplacian {@code L} of a triangle mesh and its lumped (barycentric) mass matrix {@code M}:
 * the discretisation of the Laplace–Beltrami operator as the generalised problem {@code L φ = λ M φ}, and,
 * from the same cotangent weights, the row-normalised operator of a smoothness prior.
 * <ul>
 * <li>Edge weights {@code w_ij = ½ (cot α_ij + cot β_ij)} for an edge (i, j) with opposite angles α, β
 *     (one angle on a border edge). A cotangent is clamped to [−10³, 10³], so that a sliver (an angle
 *     under 0.06°) cannot dominate its rows.</li>
 * <li>{@link #matrix()}: {@code L_ij = −w_ij}, {@code L_ii = Σ_j w_ij}; symmetric, sorted, diagonal included.</li>
 * <li>{@link #mass()}: {@code M_ii = (area of the triangles around i) / 3}, normalised so that
 *     {@code Σ M_ii = 1} (the M-inner product is then an area-weighted mean); a vertex on no triangle gets
 *     the smallest mass, so that M stays positive definite.</li>
 * <li>{@link #rowNormalised()}: {@code (L·d)_i = d_i − Σ_j w̃_ij·d_j / Σ_j w̃_ij}, with
 *     {@code w̃ = w} where w &gt; 10⁻⁶ and the uniform weight 1 elsewhere (obtuse corners, and every edge of a
 *     degenerate triangle, one whose corner spans a parallelogram of at most 10⁻¹² in area), so that
 *     {@code (L·d)_i} keeps d's unit (how far vertex i sits from its neighbours' weighted mean) whatever the
 *     mesh density.</li>
 * </ul>
 */
public final class CotangentLaplacian {

    private static final double MAX_COTANGENT = 1e3;
    /** A corner whose |u × v| is at most this is degenerate. */
    private static final double MIN_CROSS = 1e-12;
    /** Edge weights at or below this fall back to 1 in {@link #rowNormalised()}. */
    private static final double MIN_ROW_WEIGHT = 1e-6;

    private final int n;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] values;
    /** Entries on an edge of a degenerate triangle: weight 1 in {@link #rowNormalised()}. */
    private final boolean[] uniform;
    /** Null when the mesh has no area. */
    private final double[] mass;

    private CotangentLaplacian(int n, int[] rowStart, int[] columns, double[] values, boolean[] uniform,
                               double[] mass) {
        this.n = n;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
        this.uniform = uniform;
        this.mass = mass;
    }

    /** Builds the operators for {@code positions} (xyz per vertex) and {@code triangles} (vertex index triples). */
    public static CotangentLaplacian of(float[] positions, int[] triangles) {
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
        boolean[] uniform = new boolean[columns.length];
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
            markIfDegenerate(positions, rowStart, columns, uniform, c, a, b);
            markIfDegenerate(positions, rowStart, columns, uniform, a, b, c);
            markIfDegenerate(positions, rowStart, columns, uniform, b, c, a);
        }
        if (!(totalArea > 0)) {
            return new CotangentLaplacian(n, rowStart, columns, values, uniform, null);
        }
        double minMass = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            mass[i] /= totalArea;
            if (mass[i] > 0) {
                minMass = Math.min(minMass, mass[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (mass[i] == 0) {
                mass[i] = minMass;
            }
        }
        return new CotangentLaplacian(n, rowStart, columns, values, uniform, mass);
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

    /** Marks the edge (i, j) opposite {@code apex} when the corner at {@code apex} is degenerate. */
    private static void markIfDegenerate(float[] p, int[] rowStart, int[] columns, boolean[] uniform, int apex,
                                         int i, int j) {
        if (!(crossNorm(p, apex, i, j) > MIN_CROSS)) {
            uniform[find(rowStart, columns, i, j)] = true;
            uniform[find(rowStart, columns, j, i)] = true;
        }
    }

    private static int find(int[] rowStart, int[] columns, int i, int j) {
        return Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
    }

    /** Cotangent of the angle at {@code apex} in the triangle (apex, b, c), clamped. */
    private static double cot(float[] p, int apex, int b, int c) {
        double ux = p[3 * b] - p[3 * apex], uy = p[3 * b + 1] - p[3 * apex + 1], uz = p[3 * b + 2] - p[3 * apex + 2];
        double vx = p[3 * c] - p[3 * apex], vy = p[3 * c + 1] - p[3 * apex + 1], vz = p[3 * c + 2] - p[3 * apex + 2];
        double dot = ux * vx + uy * vy + uz * vz;
        double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
        double cross = Math.sqrt(cx * cx + cy * cy + cz * cz);
        double cot = dot / Math.max(cross, MIN_CROSS);
        return Math.max(-MAX_COTANGENT, Math.min(MAX_COTANGENT, cot));
    }

    private static double crossNorm(float[] p, int a, int b, int c) {
        double ux = p[3 * b] - p[3 * a], uy = p[3 * b + 1] - p[3 * a + 1], uz = p[3 * b + 2] - p[3 * a + 2];
        double vx = p[3 * c] - p[3 * a], vy = p[3 * c + 1] - p[3 * a + 1], vz = p[3 * c + 2] - p[3 * a + 2];
        double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
        return Math.sqrt(cx * cx + cy * cy + cz * cz);
    }

    /** Number of vertices n. */
    public int size() {
        return n;
    }

    /** A copy of {@code L}: n×n, symmetric, row indices sorted in every column, the diagonal stored. */
    public DMatrixSparseCSC matrix() {
        return csc(values.clone());
    }

    /**
     * A copy of the lumped mass diagonal (sums to 1).
     *
     * @throws IllegalArgumentException when the mesh has no area
     */
    public double[] mass() {
        if (mass == null) {
            throw new IllegalArgumentException("mesh has zero area");
        }
        return mass.clone();
    }

    /**
     * A new copy of the row-normalised operator {@code (L·d)_i = d_i − Σ_j w̃_ij·d_j / Σ_j w̃_ij} (see the class
     * comment); same pattern as {@link #matrix()}, not symmetric.
     */
    public DMatrixSparseCSC rowNormalised() {
        double[] total = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                if (columns[k] != i) {
                    total[i] += rowWeight(k);
                }
            }
        }
        // L is symmetric: column j of the pattern lists the rows i with an entry (i, j), w_ij = −values[k].
        double[] out = new double[values.length];
        for (int j = 0; j < n; j++) {
            for (int k = rowStart[j]; k < rowStart[j + 1]; k++) {
                int i = columns[k];
                out[k] = i == j ? 1.0 : -rowWeight(k) / total[i];
            }
        }
        return csc(out);
    }

    /** The weight w̃ of entry k (an edge) in {@link #rowNormalised()}. */
    private double rowWeight(int k) {
        double w = -values[k];
        return !uniform[k] && w > MIN_ROW_WEIGHT && Double.isFinite(w) ? w : 1.0;
    }

    private DMatrixSparseCSC csc(double[] nonZeros) {
        DMatrixSparseCSC m = new DMatrixSparseCSC(n, n, 0);
        m.col_idx = rowStart.clone();
        m.nz_rows = columns.clone();
        m.nz_values = nonZeros;
        m.nz_length = nonZeros.length;
        m.indicesSorted = true;
        return m;
    }
}
