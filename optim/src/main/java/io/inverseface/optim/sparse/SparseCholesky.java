package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

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
 * <p>For factors above ~2·10⁵ values the elimination tree is split into two groups of independent
 * subtrees plus their common ancestors; the numeric factorisation and both triangular solves run
 * the two groups concurrently (the calling thread and one task of the common
 * {@link ForkJoinPool}), then the ancestors serially. The split depends only on the pattern, so
 * results are reproducible run to run (they differ from a serial run only by summation order).
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
    private final Workspace work0;
    private final Workspace work1;
    private final int[] listNext;
    private final int[] nextRowPos;
    private final double[] scratch;
    /** Dense buffer of the off-diagonal rows of one supernode during the solves. */
    private final double[] solveBuffer;
    /** Two-thread split of the solves, or null to solve serially. */
    private final Split split;
    /** Factors with fewer stored values are solved on one thread (hand-off would dominate). */
    private static final long PARALLEL_SOLVE_MIN_VALUES = 200_000;

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
        listNext = new int[ns];
        nextRowPos = new int[ns];
        int updateSize = (int) Math.max(1, Math.min((long) maxM * maxW, 1 << 16));
        work0 = new Workspace(n, ns, updateSize);
        scratch = new double[n];
        solveBuffer = new double[Math.max(1, maxM)];
        split = buildSplit(maxM);
        work1 = split == null ? null : new Workspace(n, ns, updateSize);
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
        final double[] src = matrix.nz_values;
        Arrays.fill(work0.listHead, -1);
        if (split == null) {
            for (int s = 0; s < numSupers; s++) {
                supernode(s, src, work0);
            }
            return;
        }
        // The two subtree groups only update their own supernodes and the top ones; group 1 links
        // its pending updates of top supernodes into its own list heads, merged after the join.
        final Split sp = split;
        Arrays.fill(work1.listHead, -1);
        ForkJoinTask<?> other = ForkJoinPool.commonPool().submit(() -> {
            for (int s : sp.group1) {
                supernode(s, src, work1);
            }
        });
        try {
            for (int s : sp.group0) {
                supernode(s, src, work0);
            }
        } finally {
            other.join();
        }
        for (int t : sp.top) {
            int d = work1.listHead[t];
            while (d != -1) {
                int next = listNext[d];
                listNext[d] = work0.listHead[t];
                work0.listHead[t] = d;
                d = next;
            }
        }
        for (int s : sp.top) {
            supernode(s, src, work0);
        }
    }

    /** Per-thread work storage of the numeric factorisation. */
    private static final class Workspace {
        final int[] relMap;
        final int[] listHead;
        double[] update;

        Workspace(int n, int ns, int updateSize) {
            relMap = new int[n];
            listHead = new int[ns];
            update = new double[updateSize];
        }
    }

    /** Assembles, updates (left-looking) and factorises supernode {@code s}. */
    private void supernode(int s, double[] src, Workspace ws) {
        final double[] lv = values;
        final int[] rows = superRows;
        final int[] relMap = ws.relMap;
        final int[] listHead = ws.listHead;
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
            applyUpdate(ws, lv, (int) valStart[d], dm, dw, dr, p, q, base, m, f);
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

    /**
     * Subtracts {@code U = L_d[p..dm, :] · L_d[p..q, :]ᵀ} (lower part) from the target panel: the
     * product is formed densely in the workspace buffer, then scattered through its row map.
     */
    private void applyUpdate(Workspace ws, double[] lv, int dBase, int dm, int dw, int dr, int p, int q,
                             int sBase, int sm, int f) {
        final int[] relMap = ws.relMap;
        int nr = dm - p;
        int nc = q - p;
        if (ws.update.length < nr * nc) {
            ws.update = new double[nr * nc];
        }
        double[] u = ws.update;
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
        if (split == null) {
            for (int s = 0; s < numSupers; s++) {
                forward(s, y, lv, rows, solveBuffer);
            }
            for (int s = numSupers - 1; s >= 0; s--) {
                backward(s, y, lv, rows, solveBuffer);
            }
        } else {
            solveSplit(y, lv, rows);
        }
        for (int i = 0; i < n; i++) {
            x[i] = y[pinv[i]];
        }
    }

    /**
     * Two-thread solve over the split of the supernodal elimination tree: the two groups of
     * subtrees touch disjoint unknowns except the top supernodes (their common ancestors). Forward:
     * group 1 runs on a private copy {@code y1} (its updates of top rows are summed into y after
     * the join), then the top supernodes run serially. Backward: top first, then both groups,
     * which only read the finished top values.
     */
    private void solveSplit(double[] y, double[] lv, int[] rows) {
        final Split sp = split;
        final double[] y1 = sp.y1;
        ForkJoinTask<?> other = ForkJoinPool.commonPool().submit(() -> {
            for (int s : sp.group1) {
                int f = superStart[s];
                System.arraycopy(y, f, y1, f, superStart[s + 1] - f);
            }
            for (int s : sp.top) {
                Arrays.fill(y1, superStart[s], superStart[s + 1], 0.0);
            }
            for (int s : sp.group1) {
                forward(s, y1, lv, rows, sp.buffer1);
            }
        });
        for (int s : sp.group0) {
            forward(s, y, lv, rows, solveBuffer);
        }
        other.join();
        for (int s : sp.group1) {
            int f = superStart[s];
            System.arraycopy(y1, f, y, f, superStart[s + 1] - f);
        }
        for (int s : sp.top) {
            for (int c = superStart[s]; c < superStart[s + 1]; c++) {
                y[c] += y1[c];
            }
        }
        for (int s : sp.top) {
            forward(s, y, lv, rows, solveBuffer);
        }
        for (int k = sp.top.length - 1; k >= 0; k--) {
            backward(sp.top[k], y, lv, rows, solveBuffer);
        }
        other = ForkJoinPool.commonPool().submit(() -> {
            for (int k = sp.group1.length - 1; k >= 0; k--) {
                backward(sp.group1[k], y, lv, rows, sp.buffer1);
            }
        });
        for (int k = sp.group0.length - 1; k >= 0; k--) {
            backward(sp.group0[k], y, lv, rows, solveBuffer);
        }
        other.join();
    }

    /** Supernodes of the two independent subtree groups and of their common ancestors (ascending). */
    private record Split(int[] group0, int[] group1, int[] top, double[] y1, double[] buffer1) {
    }

    /**
     * Splits the supernodal elimination tree for the two-thread solve: the heaviest subtree is
     * opened (its root moves to {@code top}, its children become candidates) until no candidate
     * outweighs the rest, then candidates are packed into two groups by decreasing work
     * ({@code Σ m_s·w_s}). Returns null when not worth it (small factor, one processor, or a
     * split more uneven than 1:3).
     */
    private Split buildSplit(int maxM) {
        long total = valStart[numSupers];
        if (total < PARALLEL_SOLVE_MIN_VALUES || Runtime.getRuntime().availableProcessors() < 2
                || ForkJoinPool.getCommonPoolParallelism() < 1) {
            return null;
        }
        int ns = numSupers;
        int[] sparent = new int[ns];
        int[] childHead = new int[ns];
        int[] childNext = new int[ns];
        Arrays.fill(childHead, -1);
        long[] work = new long[ns];
        java.util.List<Integer> candidates = new java.util.ArrayList<>();
        for (int s = 0; s < ns; s++) {
            int w = superStart[s + 1] - superStart[s];
            int m = rowStart[s + 1] - rowStart[s];
            work[s] += (long) m * w;
            sparent[s] = m > w ? superOf[superRows[rowStart[s] + w]] : -1;
            if (sparent[s] >= 0) {
                work[sparent[s]] += work[s];
                childNext[s] = childHead[sparent[s]];
                childHead[sparent[s]] = s;
            } else {
                candidates.add(s);
            }
        }
        boolean[] isTop = new boolean[ns];
        for (int guard = 0; guard < 256; guard++) {
            long sum = 0;
            int heaviest = -1;
            for (int c : candidates) {
                sum += work[c];
                if (heaviest < 0 || work[c] > work[heaviest]) {
                    heaviest = c;
                }
            }
            if (heaviest < 0 || 2 * work[heaviest] <= sum || childHead[heaviest] < 0) {
                break;
            }
            candidates.remove(Integer.valueOf(heaviest));
            isTop[heaviest] = true;
            for (int ch = childHead[heaviest]; ch >= 0; ch = childNext[ch]) {
                candidates.add(ch);
            }
        }
        candidates.sort((a, b) -> Long.compare(work[b], work[a]));
        int[] group = new int[ns];
        Arrays.fill(group, -2);
        long w0 = 0, w1 = 0;
        for (int c : candidates) {
            if (w0 <= w1) {
                group[c] = 0;
                w0 += work[c];
            } else {
                group[c] = 1;
                w1 += work[c];
            }
        }
        if (Math.min(w0, w1) * 4 < total) {
            return null;
        }
        int n0 = 0, n1 = 0, nt = 0;
        for (int s = ns - 1; s >= 0; s--) {
            if (isTop[s]) {
                group[s] = -1;
            } else if (group[s] == -2) {
                group[s] = group[sparent[s]];
            }
            if (group[s] == 0) {
                n0++;
            } else if (group[s] == 1) {
                n1++;
            } else {
                nt++;
            }
        }
        int[] g0 = new int[n0], g1 = new int[n1], top = new int[nt];
        n0 = n1 = nt = 0;
        for (int s = 0; s < ns; s++) {
            if (group[s] == 0) {
                g0[n0++] = s;
            } else if (group[s] == 1) {
                g1[n1++] = s;
            } else {
                top[nt++] = s;
            }
        }
        return new Split(g0, g1, top, new double[n], new double[Math.max(1, maxM)]);
    }

    /** Forward substitution of supernode {@code s}. */
    private void forward(int s, double[] y, double[] lv, int[] rows, double[] t) {
        // Forward: L·y = P·b, supernode by supernode. The off-diagonal block is applied as a dense
        // product t = L_off·y_s into a contiguous buffer (vectorisable), then scattered once per row.
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
        }
        int off = m - w;
        if (off == 0) {
            return;
        }
        if (w == 1) {
            double yk = y[f];
            for (int i = 1; i < m; i++) {
                y[rows[r0 + i]] -= lv[base + i] * yk;
            }
            return;
        }
        Arrays.fill(t, 0, off, 0.0);
        int k = 0;
        for (; k + 1 < w; k += 2) {
            int c0 = base + k * m + w;
            int c1 = c0 + m;
            double y0 = y[f + k];
            double y1 = y[f + k + 1];
            for (int i = 0; i < off; i++) {
                t[i] += lv[c0 + i] * y0 + lv[c1 + i] * y1;
            }
        }
        if (k < w) {
            int c0 = base + k * m + w;
            double y0 = y[f + k];
            for (int i = 0; i < off; i++) {
                t[i] += lv[c0 + i] * y0;
            }
        }
        for (int i = 0; i < off; i++) {
            y[rows[r0 + w + i]] -= t[i];
        }
    }

    /** Backward substitution of supernode {@code s}. */
    private void backward(int s, double[] y, double[] lv, int[] rows, double[] t) {
        // Backward: Lᵀ·z = y. The below-diagonal entries of y are gathered once per supernode, then
        // each column is a dense dot product (four partial sums for instruction-level parallelism).
        int f = superStart[s];
        int w = superStart[s + 1] - f;
        int r0 = rowStart[s];
        int m = rowStart[s + 1] - r0;
        int base = (int) valStart[s];
        int off = m - w;
        for (int i = 0; i < off; i++) {
            t[i] = y[rows[r0 + w + i]];
        }
        for (int k = w - 1; k >= 0; k--) {
            int col = base + k * m;
            int c = col + w;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int i = 0;
            for (; i + 3 < off; i += 4) {
                s0 += lv[c + i] * t[i];
                s1 += lv[c + i + 1] * t[i + 1];
                s2 += lv[c + i + 2] * t[i + 2];
                s3 += lv[c + i + 3] * t[i + 3];
            }
            for (; i < off; i++) {
                s0 += lv[c + i] * t[i];
            }
            double sum = y[f + k] - ((s0 + s1) + (s2 + s3));
            for (int j = k + 1; j < w; j++) {
                sum -= lv[col + j] * y[f + j];
            }
            y[f + k] = sum / lv[col + k];
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

    /** Whether {@link #solve} splits its work over two threads (diagnostics). */
    public boolean parallelSolve() {
        return split != null;
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
