package io.inverseface.compute;

/**
 * Device memory that grows on demand and is reused across calls (a reduction's partial sums, a staged
 * vector), so that repeated work allocates once. Made by {@link AbstractComputeDevice#scratch()}, which
 * frees it on close.
 *
 * @param <M> a handle to device memory
 */
public final class ScratchBuffer<M> {

    private final AbstractComputeDevice<M> device;
    private M memory;
    private long capacity;

    ScratchBuffer(AbstractComputeDevice<M> device) {
        this.device = device;
    }

    /** At least {@code bytes} of device memory; the contents are undefined after growth. */
    public M ensure(long bytes) {
        if (memory == null || capacity < bytes) {
            release();
            memory = device.allocateBytes(Math.max(bytes, 8));
            capacity = bytes;
        }
        return memory;
    }

    void release() {
        if (memory != null) {
            device.free(memory);
            memory = null;
            capacity = 0;
        }
    }
}
