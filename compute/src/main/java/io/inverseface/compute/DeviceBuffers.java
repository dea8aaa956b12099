package io.inverseface.compute;

import java.util.ArrayList;
import java.util.List;

/**
 * The buffers one piece of device work allocates on a {@link ComputeDevice}, freed together by
 * {@link #close()}. Every buffer holds at least one element, so empty host arrays need no special case.
 */
public final class DeviceBuffers implements AutoCloseable {

    private final ComputeDevice device;
    private final List<DeviceBuffer> owned = new ArrayList<>();

    public DeviceBuffers(ComputeDevice device) {
        this.device = device;
    }

    /** Uninitialised memory of {@code elements} floats or ints. */
    public DeviceBuffer allocate(long elements) {
        DeviceBuffer b = device.allocate(Math.max(1, elements));
        owned.add(b);
        return b;
    }

    /** {@code elements} zeros. */
    public DeviceBuffer zeros(long elements) {
        DeviceBuffer b = allocate(elements);
        device.fillZero(b, 0, Math.max(1, elements));
        return b;
    }

    /** A copy of {@code values}. */
    public DeviceBuffer floats(float[] values) {
        DeviceBuffer b = allocate(values.length);
        if (values.length > 0) {
            device.write(b, 0, values, values.length);
        }
        return b;
    }

    /** The first {@code length} values, narrowed to float. */
    public DeviceBuffer floats(double[] values, int length) {
        float[] f = new float[length];
        for (int i = 0; i < length; i++) {
            f[i] = (float) values[i];
        }
        return floats(f);
    }

    /** A copy of {@code values}. */
    public DeviceBuffer ints(int[] values) {
        return ints(values, values.length);
    }

    /** The first {@code length} values. */
    public DeviceBuffer ints(int[] values, int length) {
        DeviceBuffer b = allocate(length);
        if (length > 0) {
            device.write(b, 0, values, length);
        }
        return b;
    }

    /** Frees every buffer allocated here (idempotent). */
    @Override
    public void close() {
        for (DeviceBuffer b : owned) {
            b.close();
        }
        owned.clear();
    }
}
