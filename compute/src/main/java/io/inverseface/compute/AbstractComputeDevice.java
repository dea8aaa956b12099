package io.inverseface.compute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the OpenCL and CUDA devices share, so that each keeps only its API calls: ownership and range
 * checks of the buffers it hands out, the kernel cache, the utility kernels ({@code device_utils.cl}),
 * the constant tables ({@link ConstantCache}) and the lifecycle.
 *
 * <p>The native layer (raw memory handles {@code M}, byte-sized allocations, double copies) is public so that
 * code sharing this device's context and queue, such as a linear algebra backend, can work on the same
 * memory without a copy. Not thread-safe, like every {@link ComputeDevice}.
 *
 * @param <M> a handle to device memory
 */
public abstract class AbstractComputeDevice<M> implements ComputeDevice, AutoCloseable {

    private static final String UTILS_RESOURCE = "/io/inverseface/compute/kernels/device_utils.cl";
    /** Elements per work item of the sum-of-squares reduction. */
    private static final int SUM_CHUNK = 64;

    private final String label;
    private final KernelDialect dialect;
    private final List<Memory> buffers = new ArrayList<>();
    private final List<ScratchBuffer<M>> scratches = new ArrayList<>();
    private final Map<String, Object> kernels = new HashMap<>();
    private final ConstantCache constants = new ConstantCache();
    private final ScratchBuffer<M> sumPartial = scratch();
    private float[] sumHost = new float[0];
    private boolean closed;

    /**
     * @param label   the API's name in messages, e.g. {@code "CUDA"}
     * @param dialect the dialect kernels are compiled as
     */
    protected AbstractComputeDevice(String label, KernelDialect dialect) {
        this.label = label;
        this.dialect = dialect;
    }

    // --- what each device provides ---------------------------------------------------------------------

    /** Allocates {@code bytes} of device memory (read-write). */
    public abstract M allocateBytes(long bytes);

    /** Frees device memory; the device's context is current. */
    public abstract void free(M memory);

    /** Blocking copy of {@code length} host values to the device, from element {@code offset} on. */
    public abstract void writeFloats(M target, long offset, float[] source, int length);

    /** Blocking copy of {@code length} host ints to the device, from element {@code offset} on. */
    public abstract void writeInts(M target, long offset, int[] source, int length);

    /** Blocking copy of {@code length} host values to the start of {@code target}. */
    public abstract void writeDoubles(M target, double[] source, int length);

    /** Blocking copy of {@code length} device values from element {@code offset} on to the host (waits for the preceding work). */
    public abstract void readFloats(M source, long offset, float[] target, int length);

    /** Blocking copy of {@code length} device values from the start of {@code source} (waits for the preceding work). */
    public abstract void readDoubles(M source, double[] target, int length);

    /** Makes this device's context current before device calls; nothing by default. */
    public void activate() {
    }

    /**
     * Compiles {@code source} (prelude included) once and returns the native handle of kernel {@code name};
     * throws IllegalStateException with the compiler log on failure. Programs live until {@link #releaseNative}.
     */
    protected abstract Object compileKernel(String source, String name);

    /** Launches a kernel from {@link #compileKernel} over {@code workItems} items; args are M, Integer or Float. */
    protected abstract void launchKernel(Object kernel, int workItems, Object[] args);

    /** Releases the programs, queues and contexts, after every buffer was freed. */
    protected abstract void releaseNative();

    // --- the native layer shared with code on the same context -----------------------------------------

    /** The API's name in messages, e.g. {@code "OpenCL"}. */
    public final String label() {
        return label;
    }

    /** The native memory of one of this device's buffers; throws IllegalArgumentException for another device's. */
    public final M memory(DeviceBuffer buffer) {
        return own(buffer).memory();
    }

    /** A non-owning buffer over {@code elements} 4-byte values of {@code memory} (closing it frees nothing). */
    public final DeviceBuffer view(M memory, long elements) {
        checkOpen();
        return new Memory(memory, elements, false);
    }

    /** Zeroes {@code count} floats of {@code memory} from element {@code offset} on, with the fill_zero kernel. */
    public final void zero(M memory, long offset, long count) {
        checkIntRange(offset + count);
        if (count > 0) {
            launchKernel(utilsKernel("fill_zero"), (int) count, new Object[] {memory, (int) offset, (int) count});
        }
    }

    /** A device buffer that grows on demand and is freed with this device. */
    public final ScratchBuffer<M> scratch() {
        ScratchBuffer<M> s = new ScratchBuffer<>(this);
        scratches.add(s);
        return s;
    }

    /** Throws IllegalStateException once closed; makes the context current otherwise. */
    public final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the " + label + " device was closed");
        }
        activate();
    }

    /** Frees every buffer, scratch and constant table, then the native resources (idempotent). */
    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        activate();
        for (ScratchBuffer<M> s : scratches) {
            s.release();
        }
        for (Memory m : new ArrayList<>(buffers)) {
            m.close();
        }
        constants.clear();
        releaseNative();
    }

    // --- ComputeDevice ---------------------------------------------------------------------------------

    @Override
    public final KernelDialect dialect() {
        return dialect;
    }

    @Override
    public final DeviceBuffer allocate(long elements) {
        checkOpen();
        if (elements < 1) {
            throw new IllegalArgumentException("buffer must hold at least one element, got " + elements);
        }
        return new Memory(allocateBytes(4L * elements), elements, true);
    }

    @Override
    public final void write(DeviceBuffer target, long offset, float[] source, int length) {
        Memory m = own(target);
        checkRange(m, offset, length, source.length);
        writeFloats(m.memory(), offset, source, length);
    }

    @Override
    public final void write(DeviceBuffer target, long offset, int[] source, int length) {
        Memory m = own(target);
        checkRange(m, offset, length, source.length);
        writeInts(m.memory(), offset, source, length);
    }

    @Override
    public final void read(DeviceBuffer source, long offset, float[] target, int length) {
        Memory m = own(source);
        checkRange(m, offset, length, target.length);
        readFloats(m.memory(), offset, target, length);
    }

    @Override
    public final void fillZero(DeviceBuffer target, long offset, long count) {
        Memory m = own(target);
        checkRange(m, offset, count, count);
        zero(m.memory(), offset, count);
    }

    @Override
    public final double sumOfSquares(DeviceBuffer source, long offset, int count) {
        Memory m = own(source);
        checkRange(m, offset, count, count);
        checkIntRange(offset + count);
        if (count == 0) {
            return 0;
        }
        int chunks = (count + SUM_CHUNK - 1) / SUM_CHUNK;
        M partial = sumPartial.ensure(4L * chunks);
        launchKernel(utilsKernel("sum_squares"), chunks, new Object[] {m.memory(), (int) offset, count, SUM_CHUNK, partial});
        if (sumHost.length < chunks) {
            sumHost = new float[chunks];
        }
        readFloats(partial, 0, sumHost, chunks);
        double sum = 0;
        for (int i = 0; i < chunks; i++) {
            sum += sumHost[i];
        }
        return sum;
    }

    @Override
    public final DeviceKernel kernel(String source, String name) {
        checkOpen();
        return new NamedKernel(this, name, kernelHandle(source, name));
    }

    @Override
    public final void launch(DeviceKernel kernel, int workItems, Object... args) {
        checkOpen();
        if (!(kernel instanceof NamedKernel k) || k.owner() != this) {
            throw new IllegalArgumentException("kernel was not compiled by this " + label + " device");
        }
        Object[] unwrapped = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof DeviceBuffer b) {
                unwrapped[i] = own(b).memory();
            } else if (a instanceof Integer || a instanceof Float) {
                unwrapped[i] = a;
            } else {
                throw new IllegalArgumentException("kernel argument " + i + " must be a DeviceBuffer, Integer or Float, got "
                        + (a == null ? "null" : a.getClass().getSimpleName()));
            }
        }
        if (workItems > 0) {
            launchKernel(k.handle(), workItems, unwrapped);
        }
    }

    @Override
    public final DeviceBuffer constant(Object owner, String name, Supplier<float[]> data) {
        checkOpen();
        return constants.get(owner, "f:" + name, () -> {
            float[] values = data.get();
            Memory m = (Memory) allocate(Math.max(1, values.length));
            if (values.length > 0) {
                writeFloats(m.memory(), 0, values, values.length);
            }
            return m;
        });
    }

    @Override
    public final DeviceBuffer constantInts(Object owner, String name, Supplier<int[]> data) {
        checkOpen();
        return constants.get(owner, "i:" + name, () -> {
            int[] values = data.get();
            Memory m = (Memory) allocate(Math.max(1, values.length));
            if (values.length > 0) {
                writeInts(m.memory(), 0, values, values.length);
            }
            return m;
        });
    }

    // --- internals -------------------------------------------------------------------------------------

    private Object utilsKernel(String name) {
        return kernelHandle(KernelResources.read(UTILS_RESOURCE), name);
    }

    /** The native kernel for (source without prelude, name), compiled on first use. */
    private Object kernelHandle(String source, String name) {
        String full = dialect.prelude() + source;
        String key = name + '\u0000' + full;
        Object k = kernels.get(key);
        if (k == null) {
            k = compileKernel(full, name);
            kernels.put(key, k);
        }
        return k;
    }

    private Memory own(DeviceBuffer b) {
        checkOpen();
        if (!(b instanceof AbstractComputeDevice<?>.Memory m) || m.owner() != this) {
            throw new IllegalArgumentException("the buffer does not belong to this " + label + " device");
        }
        @SuppressWarnings("unchecked") // the owner check above pins M
        Memory mine = (Memory) m;
        return mine;
    }

    private static void checkRange(AbstractComputeDevice<?>.Memory m, long offset, long length, long available) {
        if (offset < 0 || length < 0 || length > available || offset + length > m.elements()) {
            throw new IndexOutOfBoundsException("elements [" + offset + ", " + (offset + length)
                    + ") outside a buffer of " + m.elements() + (length > available ? " (host array too short)" : ""));
        }
    }

    private static void checkIntRange(long elements) {
        if (elements > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kernels index with int: " + elements + " elements is too many");
        }
    }

    private record NamedKernel(Object owner, String name, Object handle) implements DeviceKernel {
    }

    /** Device memory handed out through {@link ComputeDevice} (or a non-owning {@link #view}). */
    private final class Memory implements DeviceBuffer {
        private M memory;
        private final long elements;
        private final boolean owned;

        Memory(M memory, long elements, boolean owned) {
            this.memory = memory;
            this.elements = elements;
            this.owned = owned;
            if (owned) {
                buffers.add(this);
            }
        }

        M memory() {
            if (memory == null) {
                throw new IllegalStateException("the " + label + " buffer was closed");
            }
            return memory;
        }

        AbstractComputeDevice<M> owner() {
            return AbstractComputeDevice.this;
        }

        @Override
        public long elements() {
            return elements;
        }

        @Override
        public void close() {
            if (memory != null && owned) {
                activate();
                free(memory);
                buffers.remove(this);
            }
            memory = null;
        }
    }
}
