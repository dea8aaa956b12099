package io.inverseface.optim.backend.cpu;

import io.inverseface.optim.backend.DenseJacobian;

/** A host-resident copy of a row-major Jacobian; exactly one of {@code d}, {@code f} is non-null. */
final class CpuDenseJacobian implements DenseJacobian {
    final int rows;
    final int cols;
    final double[] d;
    final float[] f;

    CpuDenseJacobian(int rows, int cols, double[] d, float[] f) {
        this.rows = rows;
        this.cols = cols;
        this.d = d;
        this.f = f;
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
        return f != null;
    }

    @Override
    public void close() {
        // host memory: garbage-collected
    }
}
