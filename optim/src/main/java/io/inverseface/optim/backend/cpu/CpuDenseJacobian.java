package io.inverseface.optim.backend.cpu;

import io.inverseface.optim.backend.AbstractDenseJacobian;

/** A host-resident copy of a row-major Jacobian; exactly one of {@code d}, {@code f} is non-null. */
final class CpuDenseJacobian extends AbstractDenseJacobian {
    final double[] d;
    final float[] f;

    CpuDenseJacobian(int rows, int cols, double[] d, float[] f) {
        super(rows, cols, f != null);
        this.d = d;
        this.f = f;
    }

    @Override
    public void close() {
        // host memory: garbage-collected
    }
}
