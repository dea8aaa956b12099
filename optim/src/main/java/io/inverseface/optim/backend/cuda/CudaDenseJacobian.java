package io.inverseface.optim.backend.cuda;

import io.inverseface.optim.backend.DenseJacobian;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A row-major Jacobian resident in CUDA device memory (read by cuBLAS as its column-major
 * transpose, n×m with leading dimension n); {@link #close()} frees it (idempotent).
 */
final class CudaDenseJacobian implements DenseJacobian {

    final CudaBackend owner;
    final int rows;
    final int cols;
    final boolean singlePrecision;
    private CUdeviceptr pointer;

    CudaDenseJacobian(CudaBackend owner, int rows, int cols, boolean singlePrecision, CUdeviceptr pointer) {
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
        this.singlePrecision = singlePrecision;
        this.pointer = pointer;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public boolean singlePrecision() {
        return singlePrecision;
    }

    CUdeviceptr pointer() {
        if (pointer == null) {
            throw new IllegalStateException("the CUDA Jacobian was closed");
        }
        return pointer;
    }

    @Override
    public void close() {
        if (pointer != null) {
            owner.makeCurrent();
            JCudaDriver.cuMemFree(pointer);
            pointer = null;
            owner.forget(this);
        }
    }
}
