package io.inverseface.compute;

/**
 * A block of device memory handed out by a {@link ComputeDevice}, counted in 4-byte elements (float or
 * int). {@link #close()} frees it (idempotent); the device frees what is still open when it closes.
 */
public interface DeviceBuffer extends AutoCloseable {

    /** Capacity in 4-byte elements. */
    long elements();

    @Override
    void close();
}
