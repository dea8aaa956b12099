package io.inverseface.optim.backend.opencl;

import io.inverseface.optim.backend.DeviceDenseJacobian;
import org.jocl.cl_mem;

/** A row-major Jacobian resident in OpenCL device memory; {@link #close()} frees it (idempotent). */
final class OpenClDenseJacobian extends DeviceDenseJacobian<cl_mem> {

    OpenClDenseJacobian(OpenClBackend owner, int rows, int cols, boolean singlePrecision, cl_mem buffer) {
        super(owner, rows, cols, singlePrecision, buffer);
    }

    /** The device buffer; throws if this Jacobian (or its backend) was closed. */
    cl_mem buffer() {
        return memory();
    }
}
