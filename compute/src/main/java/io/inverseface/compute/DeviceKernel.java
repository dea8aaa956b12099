package io.inverseface.compute;

/** A compiled kernel of a {@link ComputeDevice}, launched with {@link ComputeDevice#launch}. */
public interface DeviceKernel {

    /** The kernel's function name in its source. */
    String name();
}
