package io.inverseface.optim.sparse;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smallest eigenpairs of a sparse generalised symmetric problem {@code A φ = λ M φ}, A symmetric positive
 * semi-definite (a Laplacian, say, with constants in its kernel) and M a positive diagonal (a lumped mass).
 *
 * <p>Block inverse (subspace) iteration: each step solves {@code (A + εM) X = M X}, ε = 10⁻⁸·trace(A), with an
 * {@link EnvelopeCholesky} factor on a reverse Cuthill–McKee ordering. Every iterate is kept and
 * M-orthonormalised, so the Rayleigh–Ritz space is the block Krylov space {@code span{X0, T X0, T² X0, ...}}
 * of {@code T = (A + εM)⁻¹ M}, which holds the smallest eigenvectors far more accurately than the last iterate
 * alone; Rayleigh–Ritz on the small dense {@code QᵀAQ} (EJML) gives the Ritz pairs, and a few plain
 * subspace-iteration steps polish them while a relative residual is above 0.2. The start is seeded, so
 * results are reproducible, and each vector's largest-magnitude entry is positive.
 */
public final class GeneralizedEigenSolver {

    /** Vectors iterated beyond the wanted count: {@link #smallest} needs {@code count + SPARE_VECTORS ≤ n}. */
    public static final int SPARE_VECTORS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(GeneralizedEigenSolver.class);
    private static final int MAX_POLISH = 3;
    private static final int KRYLOV_BLOCK = 8;
    private static final double RESIDUAL_TOLERANCE = 0.2;
    private static final long SEED = 20180101L;

    private final int n;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] values;
    private final double[] mass;

    private GeneralizedEigenSolver(DMatrixSparseCSC a, double[] mass) {
        this.n = a.numCols;
        this.rowStart = a.col_idx;
        this.columns = a.nz_rows;
        this.values = a.nz_values;
        this.mass = mass;
    }

    /** Eigenpairs sorted by ascending eigenvalue; the vectors are M-orthonormal. */
    public record Eigenpairs(double[] values, double[][] vectors) {
    }

    /**
     * The {@code count} smallest eigenpairs of {@code A φ = λ M φ}.
     *
     * @param a     symmetric n×n, both triangles and the whole diagonal stored (a column of a symmetric
     *              matrix is its row)
     * @param mass  the diagonal of M, positive
     * @param count how many, in [1, n − {@link #SPARE_VECTORS}]
     * @throws IllegalArgumentException for shapes or counts out of range, or a missing diagonal entry
     */
    public static Eigenpairs smallest(DMatrixSparseCSC a, double[] mass, int count) {
        int n = a.numCols;
        if (a.numRows != n || mass.length != n) {
            throw new IllegalArgumentException("need a square A and a mass per row: A is " + a.numRows + "×" + n
                    + ", M has " + mass.length);
        }
        if (count < 1 || count + SPARE_VECTORS > n) {
            throw new IllegalArgumentException("eigenpair count " + count + " must be in [1, " + (n - SPARE_VECTORS) + "]");
        }
        DMatrixSparseCSC sorted = a;
        if (!a.indicesSorted) {
            sorted = a.copy();
            sorted.sortIndices(null);
        }
        return new GeneralizedEigenSolver(sorted, mass).solve(count);
    }

    private Eigenpairs solve(int k) {
        int[] perm = reverseCuthillMcKee();
        int[] inverse = new int[n];
        for (int i = 0; i < n; i++) {
            inverse[perm[i]] = i;
        }
        long t0 = System.nanoTime();
        EnvelopeCholesky factor = factorShifted(perm, inverse);
        long t1 = System.nanoTime();

        int block = Math.max(1, Math.min(KRYLOV_BLOCK, n / 4));
        int dimension = Math.min(n - 1, 2 * k + 2 * SPARE_VECTORS);
        double[][] basis = new double[dimension][];
        Random random = new Random(SEED);
        int size = 0;
        double[][] current = new double[block][n];
        for (double[] x : current) {
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
            }
        }
        double[] work = new double[n * block];
        while (size < dimension) {
            applyShiftInverse(factor, inverse, current, block, work);
            for (int j = 0; j < block && size < dimension; j++) {
                double[] v = current[j];
                if (massOrthogonaliseAgainst(basis, size, v)) {
                    basis[size++] = v.clone();
                } else {
                    // Krylov space exhausted in this direction: restart it from noise.
                    for (int i = 0; i < n; i++) {
                        v[i] = random.nextGaussian();
                    }
                }
            }
        }
        long t2 = System.nanoTime();
        double[] ritz = new double[dimension];
        double[][] q = rayleighRitz(basis, ritz, new double[n]);
        long t3 = System.nanoTime();
        LOG.debug("Generalised eigenpairs: factor {} ms, Krylov {} ms, Rayleigh-Ritz {} ms",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        // Polish with plain subspace iteration while a residual is still large (rarely needed).
        int p = Math.min(dimension, k + SPARE_VECTORS);
        q = Arrays.copyOf(q, p);
        ritz = Arrays.copyOf(ritz, p);
        int polish = 0;
        while (maxRelativeResidual(q, ritz, k) > RESIDUAL_TOLERANCE && polish++ < MAX_POLISH) {
            applyShiftInverse(factor, inverse, q, p, new double[n * p]);
            massOrthonormalise(q);
            q = rayleighRitz(q, ritz, new double[n]);
        }
        LOG.debug("Eigenvectors: {} of {} from a {}-dimensional Krylov space, {} polishing steps, "
                + "relative residual {}, envelope {}", k, n, dimension, polish, maxRelativeResidual(q, ritz, k),
                factor.envelopeSize());
        return new Eigenpairs(Arrays.copyOf(ritz, k), Arrays.copyOf(q, k));
    }

    private EnvelopeCholesky factorShifted(int[] perm, int[] inverse) {
        double trace = 0;
        for (int i = 0; i < n; i++) {
            int at = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], i);
            if (at < 0) {
                throw new IllegalArgumentException("A has no diagonal entry in row " + i);
            }
            trace += values[at];
        }
        // A tiny shift makes a singular A (constants in the kernel of a Laplacian) positive definite.
        double shift = 1e-8 * trace;
        int[] prs = new int[n + 1];
        int[] pcols = new int[rowStart[n]];
        double[] pvals = new double[rowStart[n]];
        for (int ni = 0; ni < n; ni++) {
            int i = perm[ni];
            int at = prs[ni];
            for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                pcols[at] = inverse[columns[q]];
                pvals[at] = values[q] + (columns[q] == i ? shift * mass[i] : 0.0);
                at++;
            }
            prs[ni + 1] = at;
        }
        return new EnvelopeCholesky(n, prs, pcols, pvals);
    }

    /** {@code x_j ← (A + εM)⁻¹ M x_j} for the first {@code count} vectors, in place. */
    private void applyShiftInverse(EnvelopeCholesky factor, int[] inverse, double[][] x, int count, double[] work) {
        for (int i = 0; i < n; i++) {
            double m = mass[i];
            int row = inverse[i] * count;
            for (int j = 0; j < count; j++) {
                work[row + j] = m * x[j][i];
            }
        }
        factor.solveInPlace(work, count);
        for (int i = 0; i < n; i++) {
            int row = inverse[i] * count;
            for (int j = 0; j < count; j++) {
                x[j][i] = work[row + j];
            }
        }
    }

    /** {@code y = A x}. */
    private void multiply(double[] x, double[] y) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                s += values[k] * x[columns[k]];
            }
            y[i] = s;
        }
    }

    /** The M-inner product {@code xᵀ M y}. */
    private double massDot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += mass[i] * x[i] * y[i];
        }
        return s;
    }

    /** M-orthogonalises v against the first {@code size} basis vectors (twice) and normalises; false if v vanished. */
    private boolean massOrthogonaliseAgainst(double[][] basis, int size, double[] v) {
        double before = Math.sqrt(massDot(v, v));
        double[] mv = new double[n];
        double[] coefficients = new double[size];
        // Classical Gram–Schmidt, twice ("twice is enough"): all projections from one M·v.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                mv[i] = mass[i] * v[i];
            }
            for (int l = 0; l < size; l++) {
                coefficients[l] = dot(mv, basis[l], n);
            }
            for (int l = 0; l < size; l++) {
                double d = coefficients[l];
                double[] b = basis[l];
                for (int i = 0; i < n; i++) {
                    v[i] -= d * b[i];
                }
            }
        }
        double norm = Math.sqrt(massDot(v, v));
        if (!(norm > 1e-10 * before)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        return true;
    }

    /** Σ a_i b_i with four partial sums. */
    private static double dot(double[] a, double[] b, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** max_j ‖Aφ_j − λ_j Mφ_j‖_{M⁻¹} / max(λ_j, λ_1) over the first k Ritz pairs. */
    private double maxRelativeResidual(double[][] q, double[] ritz, int k) {
        double[] ax = new double[n];
        double scale = Math.max(ritz.length > 1 ? ritz[1] : 1.0, 1e-12);
        double worst = 0;
        for (int j = 0; j < k; j++) {
            multiply(q[j], ax);
            double s = 0;
            for (int i = 0; i < n; i++) {
                double m = mass[i];
                double r = ax[i] - ritz[j] * m * q[j][i];
                s += r * r / m;
            }
            worst = Math.max(worst, Math.sqrt(s) / Math.max(ritz[j], scale));
        }
        return worst;
    }

    /** Modified Gram–Schmidt in the M-inner product, twice for stability. */
    private void massOrthonormalise(double[][] q) {
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < q.length; j++) {
                double[] qj = q[j];
                for (int l = 0; l < j; l++) {
                    double[] ql = q[l];
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += mass[i] * qj[i] * ql[i];
                    }
                    for (int i = 0; i < n; i++) {
                        qj[i] -= d * ql[i];
                    }
                }
                double norm = Math.sqrt(massDot(qj, qj));
                if (!(norm > 1e-300)) {
                    throw new IllegalStateException("subspace iteration lost rank at vector " + j);
                }
                for (int i = 0; i < n; i++) {
                    qj[i] /= norm;
                }
            }
        }
    }

    /** Rayleigh–Ritz on an M-orthonormal block: diagonalise QᵀAQ, rotate Q, ascending order. */
    private double[][] rayleighRitz(double[][] q, double[] ritz, double[] ax) {
        int p = q.length;
        DMatrixRMaj small = new DMatrixRMaj(p, p);
        for (int j = 0; j < p; j++) {
            multiply(q[j], ax);
            for (int l = 0; l <= j; l++) {
                double d = dot(q[l], ax, n);
                small.set(j, l, d);
                small.set(l, j, d);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, true, true);
        if (!eig.decompose(small)) {
            throw new IllegalStateException("Rayleigh–Ritz eigen-decomposition failed");
        }
        Integer[] order = new Integer[p];
        for (int j = 0; j < p; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(x).real, eig.getEigenvalue(y).real));
        double[][] rotated = new double[p][n];
        for (int j = 0; j < p; j++) {
            DMatrixRMaj w = eig.getEigenVector(order[j]);
            ritz[j] = eig.getEigenvalue(order[j]).real;
            double[] out = rotated[j];
            for (int l = 0; l < p; l++) {
                double c = w.get(l, 0);
                double[] ql = q[l];
                for (int i = 0; i < n; i++) {
                    out[i] += c * ql[i];
                }
            }
            // Fix the sign so results are reproducible: the largest-magnitude entry is positive.
            int arg = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(out[i]) > Math.abs(out[arg])) {
                    arg = i;
                }
            }
            if (out[arg] < 0) {
                for (int i = 0; i < n; i++) {
                    out[i] = -out[i];
                }
            }
        }
        return rotated;
    }

    /** Neighbours of row i in A's pattern (without i itself), in column order. */
    private int[] neighbours(int i) {
        int count = 0;
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            count += columns[k] != i ? 1 : 0;
        }
        int[] out = new int[count];
        int u = 0;
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            if (columns[k] != i) {
                out[u++] = columns[k];
            }
        }
        return out;
    }

    /**
     * Reverse Cuthill–McKee ordering of A's graph (per connected component, starting from a
     * pseudo-peripheral vertex): {@code perm[newIndex] = oldIndex}. It narrows the band of A,
     * so the envelope Cholesky factor stays sparse without a fill-reducing ordering.
     */
    private int[] reverseCuthillMcKee() {
        int[][] nb = new int[n][];
        for (int i = 0; i < n; i++) {
            nb[i] = neighbours(i);
        }
        int[] order = new int[n];
        boolean[] placed = new boolean[n];
        int count = 0;
        for (int seed = 0; seed < n; seed++) {
            if (placed[seed]) {
                continue;
            }
            int start = farthest(nb, farthest(nb, seed));
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            placed[start] = true;
            while (!queue.isEmpty()) {
                int v = queue.poll();
                order[count++] = v;
                int[] next = Arrays.stream(nb[v]).filter(u -> !placed[u]).toArray();
                Integer[] boxed = Arrays.stream(next).boxed().toArray(Integer[]::new);
                Arrays.sort(boxed, (x, y) -> Integer.compare(nb[x].length, nb[y].length));
                for (int u : boxed) {
                    placed[u] = true;
                    queue.add(u);
                }
            }
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = order[n - 1 - i];
        }
        return perm;
    }

    /** The last vertex reached by a breadth-first search from {@code start}. */
    private static int farthest(int[][] nb, int start) {
        int n = nb.length;
        boolean[] seen = new boolean[n];
        int[] queue = new int[n];
        int head = 0, tail = 0;
        queue[tail++] = start;
        seen[start] = true;
        int last = start;
        while (head < tail) {
            int v = queue[head++];
            last = v;
            for (int u : nb[v]) {
                if (!seen[u]) {
                    seen[u] = true;
                    queue[tail++] = u;
                }
            }
        }
        return last;
    }
}
