package io.inverseface.optim.backend;

/**
 * A dense m×n Jacobian held by a {@link LinearAlgebraBackend}: on the host for the CPU backend,
 * in device memory for OpenCL and CUDA. Close it to free that memory; a backend also frees every
 * Jacobian it handed out when the backend itself is closed.
 */
public interface DenseJacobian extends AutoCloseable {
    int rows();

    int cols();

    /** True when the values are stored (and accumulated) in single precision. */
    boolean singlePrecision();

    @Override
    void close();
}
