package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;

import java.util.Arrays;

/**
 * Reusable sparse Cholesky factorisation {@code P·M·Pᵀ = L·Lᵀ} of a symmetric positive-definite
 * matrix with a fill-reducing permutation {@code P}.
 *
 * <p>Three phases, each reusable: the ordering and the symbolic analysis (elimination tree,
 * column counts, supernodes and their row structures) depend only on the sparsity pattern and are
 * done once in {@link #factor(DMatrixSparseCSC, FillReducingOrdering)};
 * {@link #refactor(DMatrixSparseCSC)} redoes only the numeric factorisation for new values on the
 * same pattern; {@link #solve} does the two triangular solves without allocating.
 *
 * <p>The numeric kernel is a left-looking <em>supernodal</em> Cholesky on primitive arrays:
 * consecutive columns with nested structure ({@code struct(L(:,j)) = {j} ∪ struct(L(:,j+1))}) form
 * a supernode whose columns are stored as one dense column-major panel, so the updates
 * {@code L_s −= L_d·L_dᵀ} from descendant supernodes and the panel factorisation are dense loops the
 * JIT vectorises, instead of scalar scatter/gather per entry. Only the upper triangle of {@code M}
 * ({@code i ≤ j}) is read, so {@code M} may be stored full or upper-triangular.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class SparseCholesky {

    private final int n;
    private final FillReducingOrdering ordering;
    /** perm[k] = original index of unknown k of the permuted system. */
    private final int[] perm;
    /** pinv[i] = position of original unknown i in the permuted system. */
    private final int[] pinv;
    private final int[] patternColIdx;
    private final int[] patternRows;

    // Lower triangle of P·M·Pᵀ, CSC: for permuted column j, rows ≥ j and the index of the value
    // in the caller's matrix.nz_values (read at every numeric factorisation).
    private final int[] lowStart;
    private final int[] lowRow;
    private final int[] lowSrc;

    // Supernodes: columns [superStart[s], superStart[s+1]); rows superRows[rowStart[s] ..
    // rowStart[s+1]) (sorted, the first w_s are the supernode's own columns); dense column-major
    // panel of m_s × w_s values at values[valStart[s]].
    private final int numSupers;
    private final int[] superStart;
    private final int[] rowStart;
    private final int[] superRows;
    private final long[] valStart;
    private final int[] superOf;
    private final double[] values;
    private final long factorNonZeros;

    // Numeric work storage, allocated once.
    private final int[] relMap;
    private final int[] listHead;
    private final int[] listNext;
    private final int[] nextRowPos;
    private double[] update;
    private final double[] scratch;

    private SparseCholesky(DMatrixSparseCSC matrix, FillReducingOrdering ordering) {
        if (matrix.numRows != matrix.numCols) {
            throw new IllegalArgumentException("Cholesky needs a square matrix, got "
                    + matrix.numRows + "x" + matrix.numCols);
        }
        this.n = matrix.numCols;
        this.ordering = ordering;
        this.perm = switch (ordering) {
            case NATURAL -> identity(n);
            case NESTED_DISSECTION -> new NestedDissection().order(matrix);
        };
        this.pinv = new int[n];
        for (int k = 0; k < n; k++) {
            pinv[perm[k]] = k;
        }
        this.patternColIdx = Arrays.copyOf(matrix.col_idx, n + 1);
        this.patternRows = Arrays.copyOf(matrix.nz_rows, matrix.nz_length);

        // Permuted pattern in both lower CSC (numeric) and upper CSC (= lower by rows; symbolic).
        int[] lowCount = new int[n + 1];
        int[] upCount = new int[n + 1];
        int[] ci = matrix.col_idx;
        int[] ri = matrix.nz_rows;
        for (int j = 0; j < n; j++) {
            for (int k = ci[j]; k < ci[j + 1]; k++) {
                int i = ri[k];
                if (i > j) {
                    continue; // upper triangle only
                }
                int a = pinv[i], b = pinv[j];
                int lo = Math.min(a, b), hi = Math.max(a, b);
                lowCount[lo + 1]++;
                upCount[hi + 1]++;
            }
        }
        for (int j = 0; j < n; j++) {
            lowCount[j + 1] += lowCount[j];
            upCount[j + 1] += upCount[j];
        }
        lowStart = lowCount;
        int[] upStart = upCount;
        int nnz = lowStart[n];
        lowRow = new int[nnz];
        lowSrc = new int[nnz];
        int[] upRow = new int[nnz];
        int[] fillL = Arrays.copyOf(lowStart, n);
        int[] fillU = Arrays.copyOf(upStart, n);
        for (int j = 0; j < n; j++) {
            for (int k = ci[j]; k < ci[j + 1]; k++) {
                int i = ri[k];
                if (i > j) {
                    continue;
                }
                int a = pinv[i], b = pinv[j];
                int lo = Math.min(a, b), hi = Math.max(a, b);
                int pl = fillL[lo]++;
                lowRow[pl] = hi;
                lowSrc[pl] = k;
                upRow[fillU[hi]++] = lo;
            }
        }

        // Elimination tree (Liu, with path compression) from the rows of the lower triangle.
        int[] parent = new int[n];
        int[] ancestor = new int[n];
        for (int k = 0; k < n; k++) {
            parent[k] = -1;
            ancestor[k] = -1;
            for (int p = upStart[k]; p < upStart[k + 1]; p++) {
                int i = upRow[p];
                while (i != -1 && i < k) {
                    int next = ancestor[i];
                    ancestor[i] = k;
                    if (next == -1) {
                        parent[i] = k;
                    }
                    i = next;
                }
            }
        }

        // Column counts by walking each row subtree: L(k,i) ≠ 0 for every i on the path from an
        // entry A(k,i) up the tree to k.
        int[] count = new int[n];
        int[] mark = ancestor; // reuse
        Arrays.fill(mark, -1);
        for (int k = 0; k < n; k++) {
            mark[k] = k;
            count[k]++;
            for (int p = upStart[k]; p < upStart[k + 1]; p++) {
                for (int i = upRow[p]; mark[i] != k; i = parent[i]) {
                    count[i]++;
                    mark[i] = k;
                }
            }
        }

        // Fundamental supernodes: j+1 continues j's supernode when parent(j) = j+1 and
        // count(j) = count(j+1) + 1, i.e. struct(L(:,j)) = {j} ∪ struct(L(:,j+1)).
        superOf = new int[n];
        int[] starts = new int[n + 1];
        int ns = 0;
        for (int j = 0; j < n; j++) {
            if (j == 0 || !(parent[j - 1] == j && count[j - 1] == count[j] + 1)) {
                starts[ns++] = j;
            }
            superOf[j] = ns - 1;
        }
        starts[ns] = n;
        numSupers = ns;
        superStart = Arrays.copyOf(starts, ns + 1);
        rowStart = new int[ns + 1];
        valStart = new long[ns + 1];
        long nzL = 0;
        int maxM = 0;
        int maxW = 0;
        for (int s = 0; s < ns; s++) {
            int m = count[superStart[s]];
            int w = superStart[s + 1] - superStart[s];
            rowStart[s + 1] = rowStart[s] + m;
            valStart[s + 1] = valStart[s] + (long) m * w;
            nzL += (long) m * w - (long) w * (w - 1) / 2;
            maxM = Math.max(maxM, m);
            maxW = Math.max(maxW, w);
        }
        if (valStart[ns] > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("factor too large: " + valStart[ns] + " values");
        }
        factorNonZeros = nzL;
        superRows = new int[rowStart[ns]];
        // Row structures of the first column of each supernode (rows appended in increasing k).
        int[] rowFill = new int[ns];
        for (int s = 0; s < ns; s++) {
            rowFill[s] = rowStart[s];
        }
        Arrays.fill(mark, -1);
        for (int k = 0; k < n; k++) {
            mark[k] = k;
            int sk = superOf[k];
            if (superStart[sk] == k) {
                superRows[rowFill[sk]++] = k;
            }
            for (int p = upStart[k]; p < upStart[k + 1]; p++) {
                for (int i = upRow[p]; mark[i] != k; i = parent[i]) {
                    mark[i] = k;
                    int si = superOf[i];
                    if (superStart[si] == i) {
                        superRows[rowFill[si]++] = k;
                    }
                }
            }
        }
        values = new double[(int) valStart[ns]];
        relMap = new int[n];
        listHead = new int[ns];
        listNext = new int[ns];
        nextRowPos = new int[ns];
        update = new double[(int) Math.max(1, Math.min((long) maxM * maxW, 1 << 16))];
        scratch = new double[n];
    }

    /**
     * Orders, analyses and factorises {@code matrix}.
     *
     * @throws NotPositiveDefiniteException if the matrix is not (numerically) positive definite
     */
    public static SparseCholesky factor(DMatrixSparseCSC matrix, FillReducingOrdering ordering) {
        SparseCholesky chol = new SparseCholesky(matrix, ordering);
        chol.numeric(matrix);
        return chol;
    }

    /** True when {@code matrix} has exactly the sparsity pattern this factorisation was built for. */
    public boolean hasSamePattern(DMatrixSparseCSC matrix) {
        if (matrix.numCols != n || matrix.numRows != n || matrix.nz_length != patternRows.length) {
            return false;
        }
        return Arrays.equals(matrix.col_idx, 0, n + 1, patternColIdx, 0, n + 1)
                && Arrays.equals(matrix.nz_rows, 0, patternRows.length, patternRows, 0, patternRows.length);
    }

    /**
     * Numeric refactorisation for new values on the same pattern (ordering and symbolic analysis
     * reused).
     *
     * @throws IllegalArgumentException if the pattern differs (build a new instance instead)
     * @throws NotPositiveDefiniteException if the matrix is not positive definite
     */
    public void refactor(DMatrixSparseCSC matrix) {
        if (!hasSamePattern(matrix)) {
            throw new IllegalArgumentException(
                    "sparsity pattern differs from the analysed one; call factor() again");
        }
        numeric(matrix);
    }

    private void numeric(DMatrixSparseCSC matrix) {
        final double[] lv = values;
        final double[] src = matrix.nz_values;
        final int[] rows = superRows;
        Arrays.fill(listHead, -1);
        for (int s = 0; s < numSupers; s++) {
            final int f = superStart[s];
            final int w = superStart[s + 1] - f;
            final int r0 = rowStart[s];
            final int m = rowStart[s + 1] - r0;
            final int base = (int) valStart[s];
            for (int i = 0; i < m; i++) {
                relMap[rows[r0 + i]] = i;
            }
            // Panel ← lower part of columns f..f+w−1 of P·M·Pᵀ.
            Arrays.fill(lv, base, base + m * w, 0.0);
            for (int c = 0; c < w; c++) {
                int col = base + c * m;
                for (int p = lowStart[f + c]; p < lowStart[f + c + 1]; p++) {
                    lv[col + relMap[lowRow[p]]] = src[lowSrc[p]];
                }
            }
            // Left-looking: L_s −= L_d(rows ≥ f, :) · L_d(rows in [f, f+w), :)ᵀ for each
            // descendant d with a row in this supernode's columns.
            int d = listHead[s];
            while (d != -1) {
                int nextD = listNext[d];
                int dm = rowStart[d + 1] - rowStart[d];
                int dw = superStart[d + 1] - superStart[d];
                int dr = rowStart[d];
                int p = nextRowPos[d];
                int q = p;
                int end = f + w;
                while (q < dm && rows[dr + q] < end) {
                    q++;
                }
                applyUpdate(lv, (int) valStart[d], dm, dw, dr, p, q, base, m, f);
                nextRowPos[d] = q;
                if (q < dm) {
                    int target = superOf[rows[dr + q]];
                    listNext[d] = listHead[target];
                    listHead[target] = d;
                }
                d = nextD;
            }
            factorPanel(lv, base, m, w, f);
            if (w < m) {
                nextRowPos[s] = w;
                int target = superOf[rows[r0 + w]];
                listNext[s] = listHead[target];
                listHead[target] = s;
            }
        }
    }

    /**
     * Subtracts {@code U = L_d[p..dm, :] · L_d[p..q, :]ᵀ} (lower part) from the target panel: the
     * product is formed densely in {@code update}, then scattered through {@link #relMap}.
     */
    private void applyUpdate(double[] lv, int dBase, int dm, int dw, int dr, int p, int q,
                             int sBase, int sm, int f) {
        int nr = dm - p;
        int nc = q - p;
        if (update.length < nr * nc) {
            update = new double[nr * nc];
        }
        double[] u = update;
        // U(:, j) = Σ_k L_d(p.., k) · L_d(p+j, k), two columns at a time to halve reads of L_d.
        int j = 0;
        for (; j + 1 < nc; j += 2) {
            int u0 = j * nr;
            int u1 = u0 + nr;
            Arrays.fill(u, u0 + j, u1 + nr, 0.0);
            for (int k = 0; k < dw; k++) {
                int col = dBase + k * dm + p;
                double a0 = lv[col + j];
                double a1 = lv[col + j + 1];
                u[u0 + j] += lv[col + j] * a0;
                for (int i = j + 1; i < nr; i++) {
                    double v = lv[col + i];
                    u[u0 + i] += v * a0;
                    u[u1 + i] += v * a1;
                }
            }
        }
        if (j < nc) {
            int u0 = j * nr;
            Arrays.fill(u, u0 + j, u0 + nr, 0.0);
            for (int k = 0; k < dw; k++) {
                int col = dBase + k * dm + p;
                double a0 = lv[col + j];
                for (int i = j; i < nr; i++) {
                    u[u0 + i] += lv[col + i] * a0;
                }
            }
        }
        int[] rows = superRows;
        for (j = 0; j < nc; j++) {
            int tcol = sBase + (rows[dr + p + j] - f) * sm;
            int u0 = j * nr;
            for (int i = j; i < nr; i++) {
                lv[tcol + relMap[rows[dr + p + i]]] -= u[u0 + i];
            }
        }
    }

    /** Dense right-looking Cholesky of an m×w panel whose top w×w block is the diagonal block. */
    private void factorPanel(double[] lv, int base, int m, int w, int f) {
        for (int j = 0; j < w; j++) {
            int cj = base + j * m;
            double djj = lv[cj + j];
            if (!(djj > 0) || !Double.isFinite(djj)) {
                throw new NotPositiveDefiniteException("matrix (" + n + "x" + n
                        + ") is not positive definite (pivot " + djj + " at permuted column " + (f + j) + ")");
            }
            double d = Math.sqrt(djj);
            lv[cj + j] = d;
            double inv = 1.0 / d;
            for (int i = j + 1; i < m; i++) {
                lv[cj + i] *= inv;
            }
            // Trailing columns of this panel: L(c.., c) −= L(c.., j) · L(c, j).
            for (int c = j + 1; c < w; c++) {
                int cc = base + c * m;
                double lcj = lv[cj + c];
                if (lcj == 0) {
                    continue;
                }
                for (int i = c; i < m; i++) {
                    lv[cc + i] -= lv[cj + i] * lcj;
                }
            }
        }
    }

    /**
     * Solves {@code M·x = b}. {@code b} and {@code x} may be the same array; nothing is allocated.
     */
    public void solve(double[] b, double[] x) {
        if (b.length < n || x.length < n) {
            throw new IllegalArgumentException("vectors must have length " + n);
        }
        final double[] y = scratch;
        final double[] lv = values;
        final int[] rows = superRows;
        for (int i = 0; i < n; i++) {
            y[pinv[i]] = b[i];
        }
        // Forward: L·y = P·b, supernode by supernode.
        for (int s = 0; s < numSupers; s++) {
            int f = superStart[s];
            int w = superStart[s + 1] - f;
            int r0 = rowStart[s];
            int m = rowStart[s + 1] - r0;
            int base = (int) valStart[s];
            for (int k = 0; k < w; k++) {
                int col = base + k * m;
                double yk = y[f + k] / lv[col + k];
                y[f + k] = yk;
                for (int i = k + 1; i < w; i++) {
                    y[f + i] -= lv[col + i] * yk;
                }
                for (int i = w; i < m; i++) {
                    y[rows[r0 + i]] -= lv[col + i] * yk;
                }
            }
        }
        // Backward: Lᵀ·z = y.
        for (int s = numSupers - 1; s >= 0; s--) {
            int f = superStart[s];
            int w = superStart[s + 1] - f;
            int r0 = rowStart[s];
            int m = rowStart[s + 1] - r0;
            int base = (int) valStart[s];
            for (int k = w - 1; k >= 0; k--) {
                int col = base + k * m;
                double sum = y[f + k];
                for (int i = w; i < m; i++) {
                    sum -= lv[col + i] * y[rows[r0 + i]];
                }
                for (int i = k + 1; i < w; i++) {
                    sum -= lv[col + i] * y[f + i];
                }
                y[f + k] = sum / lv[col + k];
            }
        }
        for (int i = 0; i < n; i++) {
            x[i] = y[pinv[i]];
        }
    }

    /** Number of unknowns. */
    public int size() {
        return n;
    }

    /** Number of nonzeros of the factor {@code L} (lower triangle, diagonal included). */
    public int factorNonZeros() {
        return (int) Math.min(Integer.MAX_VALUE, factorNonZeros);
    }

    /** Number of supernodes of the factor (diagnostics). */
    public int supernodeCount() {
        return numSupers;
    }

    /** The ordering used. */
    public FillReducingOrdering ordering() {
        return ordering;
    }

    /** Copy of the permutation: element k is the original index of the k-th eliminated unknown. */
    public int[] permutation() {
        return perm.clone();
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
