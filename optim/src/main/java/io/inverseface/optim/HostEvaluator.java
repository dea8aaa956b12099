package io.inverseface.optim;

import io.inverseface.optim.backend.DenseJacobian;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import java.util.Arrays;
import java.util.Map;

/**
 * The {@link Evaluator} on the host: the {@link Program} fills residuals and a dense Jacobian (double, or
 * float when asked) into host arrays, which are handed to the backend per linearisation (lent without a copy
 * on the CPU, see {@link LinearAlgebraBackend#borrow(double[], int, int)}).
 */
final class HostEvaluator implements Evaluator {

    private final Program program;
    private final LinearAlgebraBackend backend;
    private final boolean dense;
    private final boolean blockwise;
    private final int m;
    private final int n;
    /** Residuals at the point of the linear model. */
    private final double[] residuals;
    /** Residuals of cost-only evaluations (trial points), so that those of the linear model stay. */
    private final double[] trialResiduals;
    private final double[] jd;
    private final float[] jf;
    private double[] jacobianTimes;
    private DenseJacobian lent;

    HostEvaluator(Program program, LinearAlgebraBackend backend, LinearSolverType linearSolver,
                  boolean singlePrecisionJacobian) {
        this.program = program;
        this.backend = backend;
        this.dense = linearSolver == LinearSolverType.DENSE_CHOLESKY;
        // Formed block by block where that pays (a joint fit of several photos); otherwise by the backend in
        // one product, so a single photo's fit is unchanged.
        this.blockwise = dense && !singlePrecisionJacobian && program.blockwiseNormalsPay();
        this.m = program.rows;
        this.n = program.cols;
        this.residuals = new double[m];
        this.trialResiduals = new double[m];
        this.jd = !singlePrecisionJacobian ? new double[(int) checkedSize(m, n)] : null;
        this.jf = singlePrecisionJacobian ? new float[(int) checkedSize(m, n)] : null;
    }

    private static long checkedSize(int m, int n) {
        long size = (long) m * n;
        if (size > Integer.MAX_VALUE - 8) {
            throw new ProblemDefinitionException("dense Jacobian " + m + "×" + n + " is too large for one array");
        }
        return size;
    }

    @Override
    public String description() {
        return backend.name();
    }

    @Override
    public double evaluate(boolean withJacobian) {
        return withJacobian ? program.evaluate(residuals, jd, jf) : program.evaluate(trialResiduals, null, null);
    }

    @Override
    public void linearise(double[] jtj, double[] g, double[] columnSquares) {
        if (lent != null) {
            lent.close();
            lent = null;
        }
        lent = jd != null ? backend.borrow(jd, m, n) : backend.borrow(jf, m, n);
        if (blockwise) {
            program.blockwiseNormalEquations(backend, jd, residuals, jtj, g);
            for (int i = 0; i < n; i++) {
                columnSquares[i] = jtj[i * n + i];
            }
            return;
        }
        if (dense) {
            backend.normalEquations(lent, residuals, jtj, g);
            for (int i = 0; i < n; i++) {
                columnSquares[i] = jtj[i * n + i];
            }
            return;
        }
        backend.multiplyTransposed(lent, residuals, g);
        Arrays.fill(columnSquares, 0);
        for (int row = 0; row < m; row++) {
            int base = row * n;
            if (jd != null) {
                for (int c = 0; c < n; c++) {
                    columnSquares[c] += jd[base + c] * jd[base + c];
                }
            } else {
                for (int c = 0; c < n; c++) {
                    double v = jf[base + c];
                    columnSquares[c] += v * v;
                }
            }
        }
    }

    @Override
    public double squaredNormOfJacobianTimes(double[] v, double[] jtj) {
        if (jacobianTimes == null) {
            jacobianTimes = new double[m];
        }
        backend.multiply(lent, v, jacobianTimes);
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += jacobianTimes[i] * jacobianTimes[i];
        }
        return sum;
    }

    @Override
    public DenseJacobian jacobian() {
        return lent;
    }

    @Override
    public boolean resolvesSmallCostChanges() {
        return true;
    }

    @Override
    public Map<String, Double> costPerTerm() {
        return program.costPerTerm();
    }

    @Override
    public Evaluator fallback() {
        return null;
    }

    @Override
    public void close() {
        if (lent != null) {
            lent.close();
            lent = null;
        }
    }
}
