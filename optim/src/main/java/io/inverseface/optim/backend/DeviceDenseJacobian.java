package io.inverseface.optim.backend;

/**
 * A row-major Jacobian resident in device memory {@code M} of an {@link AbstractDeviceBackend};
 * {@link #close()} frees it once (idempotent) and stops the backend tracking it.
 */
public abstract class DeviceDenseJacobian<M> extends AbstractDenseJacobian {
    private final AbstractDeviceBackend<M, ?> owner;
    private M memory;

    protected DeviceDenseJacobian(AbstractDeviceBackend<M, ?> owner, int rows, int cols, boolean singlePrecision,
                                  M memory) {
        super(rows, cols, singlePrecision);
        this.owner = owner;
        this.memory = memory;
    }

    final AbstractDeviceBackend<M, ?> owner() {
        return owner;
    }

    /** The device memory; throws if this Jacobian (or its backend) was closed. */
    protected final M memory() {
        if (memory == null) {
            throw new IllegalStateException("the " + owner.label() + " Jacobian was closed");
        }
        return memory;
    }

    @Override
    public final void close() {
        if (memory != null) {
            owner.freeJacobian(memory);
            memory = null;
            owner.forget(this);
        }
    }
}
