package io.inverseface.optim.backend.cuda;

import io.inverseface.optim.backend.DeviceDenseJacobian;
import jcuda.driver.CUdeviceptr;

/**
 * A row-major Jacobian resident in CUDA device memory (read by cuBLAS as its column-major
 * transpose, n×m with leading dimension n); {@link #close()} frees it (idempotent).
 */
final class CudaDenseJacobian extends DeviceDenseJacobian<CUdeviceptr> {

    CudaDenseJacobian(CudaBackend owner, int rows, int cols, boolean singlePrecision, CUdeviceptr pointer) {
        super(owner, rows, cols, singlePrecision, pointer);
    }

    CUdeviceptr pointer() {
        return memory();
    }
}
