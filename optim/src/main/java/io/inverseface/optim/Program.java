package io.inverseface.optim;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Problem} as the solver sees it (Ceres' {@code Program}): the free parameter blocks laid out as one
 * vector x (with their bounds), the residual blocks as consecutive rows. It evaluates all terms on the host
 * into one residual vector and one dense row-major Jacobian
 * (columns only for non-constant blocks), applying weights and robust losses with Ceres' corrector:
 * with s = ‖r‖², ρ', ρ'' and (when ρ'' &gt; 0) α = 1 − √(1 + 2sρ''/ρ'),
 * {@code r̃ = √w·√ρ'/(1−α)·r} and {@code J̃ = √w·√ρ'·(I − α·r·rᵀ/s)·J}, so that ½‖r̃‖² and J̃ᵀJ̃
 * reproduce the gradient and a positive semidefinite approximation of the Hessian of ½·w·ρ(s).
 * When ρ'' ≤ 0 (Huber, Cauchy) α = 0 and this is plain IRLS scaling by √(w·ρ').
 */
final class Program {

    private final ResidualBlock[] blocks;
    private final int[] rowOffset;
    private final int[][] colOffset;
    private final double[][][] jacobianPointers;
    private final double[][] residualScratch;
    private final double[][][] jacobianScratch;
    private final double[] rho = new double[3];
    private final double[][] freeBlocks;
    private final int[] freeOffset;
    final int rows;
    final int cols;
    final double[] lower;
    final double[] upper;
    final boolean bounded;
    private String failure = "";
    /** For {@link #blockwiseNormalEquations}: each block's columns and scratch, made on first use. */
    private int[][] blockColumns;
    private double[][][] blockScratch;

    Program(Problem problem) {
        List<ResidualBlock> list = problem.residualBlocks();
        blocks = list.toArray(new ResidualBlock[0]);
        Map<double[], Integer> offsets = new IdentityHashMap<>();
        List<double[]> params = problem.parameterBlocks();
        int n = 0;
        int free = 0;
        for (double[] p : params) {
            if (!problem.isConstant(p)) {
                offsets.put(p, n);
                n += p.length;
                free++;
            }
        }
        cols = n;
        freeBlocks = new double[free][];
        freeOffset = new int[free];
        lower = new double[n];
        upper = new double[n];
        boolean anyBound = false;
        int f = 0;
        for (double[] p : params) {
            if (problem.isConstant(p)) {
                continue;
            }
            int off = offsets.get(p);
            freeBlocks[f] = p;
            freeOffset[f++] = off;
            double[][] b = problem.boundsOf(p);
            for (int i = 0; i < p.length; i++) {
                lower[off + i] = b == null ? Double.NEGATIVE_INFINITY : b[0][i];
                upper[off + i] = b == null ? Double.POSITIVE_INFINITY : b[1][i];
            }
            anyBound |= b != null;
        }
        bounded = anyBound;
        rowOffset = new int[blocks.length];
        colOffset = new int[blocks.length][];
        jacobianPointers = new double[blocks.length][][];
        residualScratch = new double[blocks.length][];
        jacobianScratch = new double[blocks.length][][];
        // Scratch is shared by residual blocks using the same term instance (evaluation is sequential).
        Map<Term, double[]> resByTerm = new IdentityHashMap<>();
        Map<Term, double[][]> jacByTerm = new IdentityHashMap<>();
        int m = 0;
        for (int b = 0; b < blocks.length; b++) {
            ResidualBlock rb = blocks[b];
            Term t = rb.term();
            int k = t.residualCount();
            int[] sizes = t.blockSizes();
            rowOffset[b] = m;
            m += k;
            residualScratch[b] = resByTerm.computeIfAbsent(t, x -> new double[k]);
            double[][] full = jacByTerm.computeIfAbsent(t, x -> {
                double[][] a = new double[sizes.length][];
                for (int j = 0; j < sizes.length; j++) {
                    a[j] = new double[k * sizes[j]];
                }
                return a;
            });
            jacobianScratch[b] = full;
            colOffset[b] = new int[sizes.length];
            jacobianPointers[b] = new double[sizes.length][];
            for (int j = 0; j < sizes.length; j++) {
                Integer off = offsets.get(rb.blocks()[j]);
                colOffset[b][j] = off == null ? -1 : off;
                jacobianPointers[b][j] = off == null ? null : full[j];
            }
        }
        rows = m;
    }

    /** Why the last {@link #evaluate} returned NaN. */
    String failure() {
        return failure;
    }

    void gather(double[] x) {
        for (int f = 0; f < freeBlocks.length; f++) {
            System.arraycopy(freeBlocks[f], 0, x, freeOffset[f], freeBlocks[f].length);
        }
    }

    void scatter(double[] x) {
        for (int f = 0; f < freeBlocks.length; f++) {
            System.arraycopy(x, freeOffset[f], freeBlocks[f], 0, freeBlocks[f].length);
        }
    }

    /** Projects x onto the bounds in place. */
    void project(double[] x) {
        if (!bounded) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
        }
    }

    /**
     * Evaluates at the parameters currently in the blocks. Writes corrected residuals into r and,
     * when jd or jf is non-null, the corrected Jacobian. Returns the cost ½Σ w·ρ(s), or NaN when a term
     * failed or produced a non-finite value (see {@link #failure()}).
     */
    double evaluate(double[] r, double[] jd, float[] jf) {
        boolean withJacobian = jd != null || jf != null;
        double cost = 0;
        for (int b = 0; b < blocks.length; b++) {
            double c = evaluateBlock(b, r, 0, jd, jf, withJacobian);
            if (Double.isNaN(c)) {
                return Double.NaN;
            }
            cost += c;
        }
        if (!Double.isFinite(cost)) {
            failure = "cost is not finite";
            return Double.NaN;
        }
        return cost;
    }

    /**
     * Evaluates residual block b alone and writes its corrected rows at row {@code rowOffset(b) − rowBase}
     * of r and, with {@code withJacobian}, of jd or jf (row length {@link #cols}). Returns its cost
     * ½·w·ρ(s), or NaN (see {@link #failure()}).
     */
    double evaluateBlock(int b, double[] r, int rowBase, double[] jd, float[] jf, boolean withJacobian) {
        int n = cols;
        ResidualBlock rb = blocks[b];
        Term term = rb.term();
        double[] res = residualScratch[b];
        int k = res.length;
        boolean ok;
        try {
            ok = term.evaluate(rb.blocks(), res, withJacobian ? jacobianPointers[b] : null);
        } catch (RuntimeException e) {
            failure = "term '" + rb.label() + "' threw " + e;
            return Double.NaN;
        }
        if (!ok) {
            failure = "term '" + rb.label() + "' could not be evaluated";
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += res[i] * res[i];
        }
        if (!Double.isFinite(s)) {
            failure = "term '" + rb.label() + "' produced a non-finite residual";
            return Double.NaN;
        }
        double sw = Math.sqrt(rb.weight());
        double cost;
        double residualScale;
        double jacobianScale;
        double alphaSq = 0;
        if (rb.loss() == null) {
            cost = 0.5 * rb.weight() * s;
            residualScale = sw;
            jacobianScale = sw;
        } else {
            rb.loss().evaluate(s, rho);
            cost = 0.5 * rb.weight() * rho[0];
            double sqrtRho1 = Math.sqrt(rho[1]);
            if (s == 0 || rho[2] <= 0) {
                residualScale = sw * sqrtRho1;
            } else {
                double alpha = 1.0 - Math.sqrt(1.0 + 2.0 * s * rho[2] / rho[1]);
                residualScale = sw * sqrtRho1 / (1.0 - alpha);
                alphaSq = alpha / s;
            }
            jacobianScale = sw * sqrtRho1;
        }
        int row0 = rowOffset[b] - rowBase;
        if (withJacobian) {
            double[][] jac = jacobianPointers[b];
            int[] sizes = term.blockSizes();
            for (int j = 0; j < jac.length; j++) {
                if (jac[j] == null) {
                    continue;
                }
                int size = sizes[j];
                double[] blk = jac[j];
                if (alphaSq != 0) {
                    for (int c = 0; c < size; c++) {
                        double dot = 0;
                        for (int i = 0; i < k; i++) {
                            dot += res[i] * blk[i * size + c];
                        }
                        for (int i = 0; i < k; i++) {
                            blk[i * size + c] -= alphaSq * res[i] * dot;
                        }
                    }
                }
                int col0 = colOffset[b][j];
                for (int i = 0; i < k; i++) {
                    int dst = (row0 + i) * n + col0;
                    int src = i * size;
                    for (int c = 0; c < size; c++) {
                        double v = jacobianScale * blk[src + c];
                        if (!Double.isFinite(v)) {
                            failure = "term '" + rb.label() + "' produced a non-finite Jacobian entry";
                            return Double.NaN;
                        }
                        if (jd != null) {
                            jd[dst + c] = v;
                        } else {
                            jf[dst + c] = (float) v;
                        }
                    }
                }
            }
        }
        for (int i = 0; i < k; i++) {
            r[row0 + i] = residualScale * res[i];
        }
        return cost;
    }

    int blockCount() {
        return blocks.length;
    }

    /**
     * Multiply-adds of JᵀJ formed residual block by residual block, Σ_b k_b·w_b² (k_b rows, w_b free
     * columns): far below the dense m·n² when most blocks see few of the columns, as in a joint fit of
     * several photos where each photo's terms touch the shared blocks and their own.
     */
    long blockwiseNormalCost() {
        long sum = 0;
        for (int b = 0; b < blocks.length; b++) {
            long w = freeWidth(b);
            sum += (long) residualScratch[b].length * w * w;
        }
        return sum;
    }

    /**
     * Whether {@link #blockwiseNormalEquations} is worth it here: at least 4× fewer multiply-adds than the
     * dense product m·n². A problem in which every block sees nearly all columns (one photo) is not.
     */
    boolean blockwiseNormalsPay() {
        return blockwiseNormalCost() * 4 < (long) rows * cols * cols;
    }

    /** The number of Jacobian columns of residual block b's free parameter blocks. */
    private int freeWidth(int b) {
        int[] sizes = blocks[b].term().blockSizes();
        int w = 0;
        for (int j = 0; j < sizes.length; j++) {
            w += colOffset[b][j] >= 0 ? sizes[j] : 0;
        }
        return w;
    }

    /**
     * JᵀJ (full, symmetric) and g = Jᵀr from the dense Jacobian {@code jd} (as {@link #evaluate} filled it),
     * one residual block at a time: its rows restricted to the columns of its own free parameter blocks
     * (the rest of its rows is zero) go through the backend's normal-equation kernel, and the small
     * product is added into place. The same sums as the dense product, grouped by block.
     */
    void blockwiseNormalEquations(io.inverseface.optim.backend.LinearAlgebraBackend backend, double[] jd, double[] r,
                                  double[] jtj, double[] g) {
        int n = cols;
        java.util.Arrays.fill(jtj, 0, n * n, 0);
        java.util.Arrays.fill(g, 0, n, 0);
        if (blockColumns == null) {
            blockColumns = new int[blocks.length][];
            blockScratch = new double[blocks.length][][];
        }
        for (int b = 0; b < blocks.length; b++) {
            int[] columns = columnsOf(b);
            int w = columns.length, k = residualScratch[b].length, row0 = rowOffset[b];
            if (w == 0) {
                continue;
            }
            if (blockScratch[b] == null) {
                // The block's rows on its columns, its residuals, its JᵀJ and Jᵀr: kept for the next linearisation.
                blockScratch[b] = new double[][] {new double[k * w], new double[k], new double[w * w], new double[w]};
            }
            double[] jb = blockScratch[b][0], rb = blockScratch[b][1], pb = blockScratch[b][2], gb = blockScratch[b][3];
            for (int i = 0; i < k; i++) {
                int src = (row0 + i) * n, dst = i * w;
                for (int c = 0; c < w; c++) {
                    jb[dst + c] = jd[src + columns[c]];
                }
                rb[i] = r[row0 + i];
            }
            try (io.inverseface.optim.backend.DenseJacobian lent = backend.borrow(jb, k, w)) {
                backend.normalEquations(lent, rb, pb, gb);
            }
            for (int a = 0; a < w; a++) {
                int ca = columns[a];
                g[ca] += gb[a];
                int dst = ca * n, src = a * w;
                for (int c = 0; c < w; c++) {
                    jtj[dst + columns[c]] += pb[src + c];
                }
            }
        }
    }

    /** The Jacobian columns of residual block b's free parameter blocks, in order. */
    private int[] columnsOf(int b) {
        if (blockColumns[b] == null) {
            int[] sizes = blocks[b].term().blockSizes();
            int[] off = colOffset[b];
            int[] columns = new int[freeWidth(b)];
            int at = 0;
            for (int j = 0; j < sizes.length; j++) {
                for (int c = 0; off[j] >= 0 && c < sizes[j]; c++) {
                    columns[at++] = off[j] + c;
                }
            }
            blockColumns[b] = columns;
        }
        return blockColumns[b];
    }

    ResidualBlock residualBlock(int b) {
        return blocks[b];
    }

    int rowOffset(int b) {
        return rowOffset[b];
    }

    /** Column of each of block b's parameter blocks in the Jacobian, −1 for a constant block. */
    int[] columnOffsets(int b) {
        return colOffset[b];
    }

    void setFailure(String why) {
        failure = why;
    }

    /** Cost by term name at the parameters in the blocks (residuals only); empty values on failure are +∞. */
    Map<String, Double> costPerTerm() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ResidualBlock rb : blocks) {
            Term term = rb.term();
            double[] res = new double[term.residualCount()];
            double c;
            try {
                if (term.evaluate(rb.blocks(), res, null)) {
                    double s = 0;
                    for (double v : res) {
                        s += v * v;
                    }
                    if (rb.loss() != null) {
                        rb.loss().evaluate(s, rho);
                        s = rho[0];
                    }
                    c = 0.5 * rb.weight() * s;
                } else {
                    c = Double.POSITIVE_INFINITY;
                }
            } catch (RuntimeException e) {
                c = Double.POSITIVE_INFINITY;
            }
            if (!Double.isFinite(c)) {
                c = Double.POSITIVE_INFINITY;
            }
            out.merge(rb.label(), c, Double::sum);
        }
        return out;
    }
}
