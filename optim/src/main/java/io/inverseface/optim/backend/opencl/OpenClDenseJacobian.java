package io.inverseface.optim.backend.opencl;

import io.inverseface.optim.backend.DenseJacobian;
import org.jocl.CL;
import org.jocl.cl_mem;

/** A row-major Jacobian resident in OpenCL device memory; {@link #close()} frees it (idempotent). */
final class OpenClDenseJacobian implements DenseJacobian {

    final OpenClBackend owner;
    final int rows;
    final int cols;
    final boolean singlePrecision;
    private cl_mem buffer;

    OpenClDenseJacobian(OpenClBackend owner, int rows, int cols, boolean singlePrecision, cl_mem buffer) {
        this.owner = owner;
        this.rows = rows;
        this.cols = cols;
        this.singlePrecision = singlePrecision;
        this.buffer = buffer;
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

    /** The device buffer; throws if this Jacobian (or its backend) was closed. */
    cl_mem buffer() {
        if (buffer == null) {
            throw new IllegalStateException("the OpenCL Jacobian was closed");
        }
        return buffer;
    }

    @Override
    public void close() {
        if (buffer != null) {
            CL.clReleaseMemObject(buffer);
            buffer = null;
            owner.forget(this);
        }
    }
}
