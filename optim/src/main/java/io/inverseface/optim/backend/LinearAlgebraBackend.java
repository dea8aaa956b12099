package io.inverseface.optim.backend;

/**
 * The heavy linear algebra of a least-squares iteration, behind one interface so that the solver
 * never knows where it runs (CPU, OpenCL, CUDA).
 *
 * <p>A dense Jacobian {@code J} (m residuals × n parameters, row-major) is first handed to
 * {@link #upload}; the returned {@link DenseJacobian} may live on a device, so that the many
 * {@code J·v} / {@code Jᵀ·u} products of a conjugate-gradient solve do not cross the bus again.
 * Vectors and results are always {@code double[]} on the host; a float Jacobian is accumulated in
 * float on the device (the caller chose float for speed) and widened on the way back.
 *
 * <p>Implementations are not required to be thread-safe: one solver uses one backend at a time.
 */
public interface LinearAlgebraBackend extends AutoCloseable {

    /** Short name for logs and summaries, e.g. {@code "cpu"}, {@code "opencl:pthread-cpu"}, {@code "cuda:H100"}. */
    String name();

    /** Which {@link Backend} kind this is (never {@link Backend#AUTO}). */
    Backend kind();

    /** Takes a row-major m×n Jacobian in double precision; the array may be reused by the caller afterwards. */
    DenseJacobian upload(double[] jacobian, int rows, int cols);

    /** Takes a row-major m×n Jacobian in single precision; the array may be reused by the caller afterwards. */
    DenseJacobian upload(float[] jacobian, int rows, int cols);

    /**
     * Takes a Jacobian the caller leaves unchanged while the result is in use (and closes before changing
     * it): a backend that can read the caller's array in place lends it without a copy (the CPU); the
     * default is {@link #upload(double[], int, int)}.
     */
    default DenseJacobian borrow(double[] jacobian, int rows, int cols) {
        return upload(jacobian, rows, cols);
    }

    /** Float counterpart of {@link #borrow(double[], int, int)}. */
    default DenseJacobian borrow(float[] jacobian, int rows, int cols) {
        return upload(jacobian, rows, cols);
    }

    /**
     * Normal equations: {@code jtj = JᵀJ} (n×n, row-major, both triangles filled) and {@code jtr = Jᵀr}.
     * {@code residuals} has length m; {@code jtj} length n·n; {@code jtr} length n.
     */
    void normalEquations(DenseJacobian jacobian, double[] residuals, double[] jtj, double[] jtr);

    /** {@code out = J·v}; v has length n, out length m. */
    void multiply(DenseJacobian jacobian, double[] v, double[] out);

    /** {@code out = Jᵀ·u}; u has length m, out length n. */
    void multiplyTransposed(DenseJacobian jacobian, double[] u, double[] out);

    /**
     * Solves {@code A·x = b} for a symmetric positive-definite n×n row-major A by Cholesky.
     *
     * @return false (x untouched) when A is not numerically positive definite, so that the caller
     *         can fall back (e.g. add damping, or use an LDLᵀ / QR solve)
     */
    boolean solveSymmetricPositiveDefinite(double[] a, int n, double[] b, double[] x);

    /** Releases device memory and contexts. Idempotent. */
    @Override
    void close();
}
