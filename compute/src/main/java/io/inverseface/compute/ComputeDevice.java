package io.inverseface.compute;

import java.util.function.Supplier;

/**
 * An OpenCL or CUDA device seen through one small interface: memory, kernels compiled from one source in
 * the common dialect ({@link KernelDialect}) and launches. Code that shares the device's context and
 * queue (optim's device backends put their linear algebra there) sees the same memory, so a kernel can
 * write straight into, say, a solver's Jacobian without it crossing the bus.
 *
 * <p>Not thread-safe: one piece of work at a time. All copies are blocking.
 */
public interface ComputeDevice {

    /** The device's name, e.g. {@code "cuda:NVIDIA H100"}. */
    String name();

    /** The dialect its kernels are compiled as. */
    KernelDialect dialect();

    /** New device memory of {@code elements} 4-byte values (contents undefined). */
    DeviceBuffer allocate(long elements);

    /** Copies {@code length} floats to {@code target} starting at element {@code offset}. */
    void write(DeviceBuffer target, long offset, float[] source, int length);

    /** Copies {@code length} ints to {@code target} starting at element {@code offset}. */
    void write(DeviceBuffer target, long offset, int[] source, int length);

    /** Copies {@code length} floats from {@code source} starting at element {@code offset} (waits for queued work). */
    void read(DeviceBuffer source, long offset, float[] target, int length);

    /** Sets {@code count} floats from element {@code offset} to zero, on the device. */
    void fillZero(DeviceBuffer target, long offset, long count);

    /** {@code Σ x_i²} over {@code count} floats from element {@code offset}, reduced on the device (partial sums in float, total in double). */
    double sumOfSquares(DeviceBuffer source, long offset, int count);

    /**
     * The kernel {@code name} of {@code source} (written in the common dialect, without prelude).
     * Programs are compiled once per device and source text, then cached until the device closes.
     *
     * @throws IllegalStateException with the compiler log when the source does not compile
     */
    DeviceKernel kernel(String source, String name);

    /**
     * Runs {@code kernel} over {@code workItems} one-dimensional work items (a kernel must ignore ids at
     * or past its own count: CUDA rounds up to whole blocks). Arguments, in order: {@link DeviceBuffer},
     * {@link Integer} or {@link Float}.
     */
    void launch(DeviceKernel kernel, int workItems, Object... args);

    /**
     * A read-only float table kept on the device while {@code owner} is alive and among the recently used
     * (e.g. a face model's bases, uploaded once for every fit that uses them): the data is uploaded on the
     * first use of (owner identity, name). The owner is held weakly; tables of collected owners are freed.
     * The data must not change under the same (owner, name): put a content fingerprint into the name when
     * the owner is mutable. The device owns the buffer: do not close it.
     */
    DeviceBuffer constant(Object owner, String name, Supplier<float[]> data);

    /** {@link #constant} for an int table (e.g. a mesh's triangles). */
    DeviceBuffer constantInts(Object owner, String name, Supplier<int[]> data);
}
