package io.inverseface.optim.backend;

/**
 * Shape and precision of a {@link DenseJacobian}, shared by the built-in backends' Jacobians
 * (an implementation detail of this package and its sub-packages, not an extension point).
 */
public abstract class AbstractDenseJacobian implements DenseJacobian {
    private final int rows;
    private final int cols;
    private final boolean singlePrecision;

    protected AbstractDenseJacobian(int rows, int cols, boolean singlePrecision) {
        this.rows = rows;
        this.cols = cols;
        this.singlePrecision = singlePrecision;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    @Override
    public final boolean singlePrecision() {
        return singlePrecision;
    }
}
