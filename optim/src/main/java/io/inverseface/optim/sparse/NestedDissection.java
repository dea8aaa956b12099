package io.inverseface.optim.sparse;

import org.ejml.data.DMatrixSparseCSC;

import java.util.Arrays;

/**
 * Nested-dissection fill-reducing ordering of a symmetric sparse matrix.
 *
 * <p>The adjacency graph of the matrix (an edge {@code i–j} per off-diagonal nonzero) is bisected
 * recursively. Each part is split with a BFS level structure rooted at a pseudo-peripheral node:
 * one level {@code S} (chosen near the median, preferring small levels) separates the earlier
 * levels {@code A} from the later ones {@code B}, since BFS levels only connect to adjacent levels.
 * Separator vertices without a neighbour in {@code B} are moved to {@code A} (keeps {@code S}
 * minimal). The order is {@code ND(A), ND(B), S}: eliminating {@code A} and {@code B} first
 * creates fill only inside them and in {@code S}. Parts below {@link #leafSize} are numbered in
 * BFS (Cuthill–McKee-like) order, which keeps their small profile. Disconnected parts are
 * ordered component by component.
 *
 * <p>Cost: O(nnz · log n) time, O(n + nnz) memory.
 */
public final class NestedDissection {

    private final int leafSize;

    // Graph in CSR form (symmetric, no self loops).
    private int[] adjStart;
    private int[] adj;
    // Scratch shared by the recursion (sizes n): membership stamps, BFS levels, queue.
    private int[] stamp;
    private int stampCounter;
    private int[] level;
    private int[] queue;
    private int[] order;
    private int orderFill;

    /** Creates an ordering with the default leaf size (64). */
    public NestedDissection() {
        this(64);
    }

    /** @param leafSize parts with at most this many vertices are not dissected further (≥ 2) */
    public NestedDissection(int leafSize) {
        if (leafSize < 2) {
            throw new IllegalArgumentException("leafSize must be >= 2, got " + leafSize);
        }
        this.leafSize = leafSize;
    }

    /**
     * Computes the ordering of a square matrix whose pattern is symmetric (only the union of
     * both triangles is used, so an upper-triangular storage is fine).
     *
     * @return {@code perm} with {@code perm[k]} = original index of the k-th eliminated unknown
     */
    public int[] order(DMatrixSparseCSC matrix) {
        if (matrix.numRows != matrix.numCols) {
            throw new IllegalArgumentException("matrix must be square, got "
                    + matrix.numRows + "x" + matrix.numCols);
        }
        int n = matrix.numCols;
        buildGraph(matrix);
        stamp = new int[n];
        stampCounter = 0;
        level = new int[n];
        queue = new int[n];
        order = new int[n];
        orderFill = 0;
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        dissect(all, 0, n);
        int[] result = order;
        adjStart = null;
        adj = null;
        stamp = level = queue = order = null;
        return result;
    }

    private void buildGraph(DMatrixSparseCSC m) {
        int n = m.numCols;
        int[] degree = new int[n];
        for (int j = 0; j < n; j++) {
            for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                int i = m.nz_rows[k];
                if (i != j) {
                    degree[i]++;
                    degree[j]++;
                }
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + degree[i];
        }
        int[] raw = new int[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int j = 0; j < n; j++) {
            for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                int i = m.nz_rows[k];
                if (i != j) {
                    raw[fill[i]++] = j;
                    raw[fill[j]++] = i;
                }
            }
        }
        // Remove duplicates (a full symmetric matrix lists every edge twice).
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        adjStart = new int[n + 1];
        int w = 0;
        for (int i = 0; i < n; i++) {
            adjStart[i] = w;
            for (int k = start[i]; k < start[i + 1]; k++) {
                int j = raw[k];
                if (mark[j] != i) {
                    mark[j] = i;
                    raw[w++] = j;
                }
            }
        }
        adjStart[n] = w;
        adj = raw;
    }

    /** Orders vertices {@code part[from..to)}; may reorder that slice as scratch. */
    private void dissect(int[] part, int from, int to) {
        int size = to - from;
        if (size == 0) {
            return;
        }
        int mark = markPart(part, from, to);
        if (size <= leafSize) {
            // BFS order from a pseudo-peripheral node of each component: small bandwidth in the leaf.
            appendBfsOrder(part, from, to, mark);
            return;
        }
        int root = pseudoPeripheral(part[from], mark);
        int reached = bfs(root, mark);
        if (reached < size) {
            // Disconnected: the component of root and the rest are independent subproblems.
            int[] comp = Arrays.copyOf(queue, reached);
            int[] rest = new int[size - reached];
            int r = 0;
            int compStamp = ++stampCounter;
            for (int v : comp) {
                stamp[v] = compStamp;
            }
            for (int k = from; k < to; k++) {
                if (stamp[part[k]] != compStamp) {
                    rest[r++] = part[k];
                }
            }
            dissect(comp, 0, comp.length);
            dissect(rest, 0, rest.length);
            return;
        }
        int numLevels = level[queue[size - 1]] + 1;
        if (numLevels < 3) {
            // Dense-ish part (e.g. a clique): dissection cannot help.
            appendBfsOrder(part, from, to, mark);
            return;
        }
        int[] levelCount = new int[numLevels];
        for (int k = 0; k < size; k++) {
            levelCount[level[queue[k]]]++;
        }
        int sep = chooseSeparatorLevel(levelCount, size);
        // Split: A = levels < sep (+ separator vertices with no neighbour beyond), B = levels > sep.
        int[] a = new int[size];
        int[] b = new int[size];
        int[] s = new int[levelCount[sep]];
        int na = 0, nb = 0, ns = 0;
        for (int k = 0; k < size; k++) {
            int v = queue[k];
            int lv = level[v];
            if (lv < sep) {
                a[na++] = v;
            } else if (lv > sep) {
                b[nb++] = v;
            } else {
                boolean touchesB = false;
                for (int e = adjStart[v]; e < adjStart[v + 1]; e++) {
                    int w = adj[e];
                    if (stamp[w] == mark && level[w] == sep + 1) {
                        touchesB = true;
                        break;
                    }
                }
                if (touchesB) {
                    s[ns++] = v;
                } else {
                    a[na++] = v;
                }
            }
        }
        dissect(a, 0, na);
        dissect(b, 0, nb);
        for (int k = 0; k < ns; k++) {
            order[orderFill++] = s[k];
        }
    }

    /** Level near the median (both sides ≥ 1/3 of the vertices if possible) with fewest vertices. */
    private static int chooseSeparatorLevel(int[] levelCount, int size) {
        int numLevels = levelCount.length;
        int best = -1;
        int bestCount = Integer.MAX_VALUE;
        int before = 0;
        int median = -1;
        for (int l = 0; l < numLevels; l++) {
            int after = size - before - levelCount[l];
            if (median < 0 && before + levelCount[l] >= size / 2) {
                median = l;
            }
            if (l > 0 && l < numLevels - 1 && 3 * before >= size && 3 * after >= size
                    && levelCount[l] < bestCount) {
                best = l;
                bestCount = levelCount[l];
            }
            before += levelCount[l];
        }
        if (best < 0) {
            best = Math.min(Math.max(median, 1), numLevels - 2);
        }
        return best;
    }

    private int markPart(int[] part, int from, int to) {
        int mark = ++stampCounter;
        for (int k = from; k < to; k++) {
            stamp[part[k]] = mark;
        }
        return mark;
    }

    /** BFS within the vertices stamped {@code mark}; fills {@code queue} and {@code level}. */
    private int bfs(int root, int mark) {
        // Visited vertices get stamp mark+0 → use a fresh stamp to tell visited from unvisited.
        int visited = ++stampCounter;
        int head = 0, tail = 0;
        queue[tail++] = root;
        level[root] = 0;
        stamp[root] = visited;
        while (head < tail) {
            int v = queue[head++];
            for (int e = adjStart[v]; e < adjStart[v + 1]; e++) {
                int w = adj[e];
                if (stamp[w] == mark) {
                    stamp[w] = visited;
                    level[w] = level[v] + 1;
                    queue[tail++] = w;
                }
            }
        }
        // Restore membership so later passes see the whole part again.
        for (int k = 0; k < tail; k++) {
            stamp[queue[k]] = mark;
        }
        return tail;
    }

    /** George–Liu: repeat BFS from a minimum-degree vertex of the last level while depth grows. */
    private int pseudoPeripheral(int start, int mark) {
        int root = start;
        int reached = bfs(root, mark);
        int depth = level[queue[reached - 1]];
        for (int iter = 0; iter < 8; iter++) {
            int candidate = -1;
            int minDegree = Integer.MAX_VALUE;
            for (int k = reached - 1; k >= 0 && level[queue[k]] == depth; k--) {
                int v = queue[k];
                int d = adjStart[v + 1] - adjStart[v];
                if (d < minDegree) {
                    minDegree = d;
                    candidate = v;
                }
            }
            reached = bfs(candidate, mark);
            int newDepth = level[queue[reached - 1]];
            if (newDepth <= depth) {
                bfs(root, mark);
                return root;
            }
            root = candidate;
            depth = newDepth;
        }
        return root;
    }

    private void appendBfsOrder(int[] part, int from, int to, int mark) {
        for (int k = from; k < to; k++) {
            int v = part[k];
            if (stamp[v] != mark) {
                continue; // already placed
            }
            int root = pseudoPeripheral(v, mark);
            int reached = bfs(root, mark);
            int placed = ++stampCounter;
            for (int q = 0; q < reached; q++) {
                order[orderFill++] = queue[q];
                stamp[queue[q]] = placed;
            }
        }
    }
}
