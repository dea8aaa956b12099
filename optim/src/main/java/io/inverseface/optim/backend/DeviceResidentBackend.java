package io.inverseface.optim.backend;

import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;

/**
 * A {@link LinearAlgebraBackend} whose Jacobian and residuals can be written on the device by
 * kernels ({@link #compute()}), so that a Gauss-Newton iteration moves only parameters, the normal
 * equations' n×n system and a few sums across the bus. Implemented by the OpenCL and CUDA backends.
 */
public interface DeviceResidentBackend extends LinearAlgebraBackend {

    /** Memory, kernels and launches on this backend's context and queue. */
    ComputeDevice compute();

    /** A single-precision m×n row-major Jacobian in device memory, all zero. */
    DenseJacobian allocateJacobian(int rows, int cols);

    /** The device memory of a Jacobian from {@link #allocateJacobian} (row-major, float). */
    DeviceBuffer memoryOf(DenseJacobian jacobian);

    /**
     * {@code jtj = JᵀJ}, {@code jtr = Jᵀr} like {@link #normalEquations(DenseJacobian, double[], double[], double[])},
     * with the residuals already on the device ({@code rows} floats from element 0).
     */
    void normalEquations(DenseJacobian jacobian, DeviceBuffer residuals, double[] jtj, double[] jtr);
}
