package io.inverseface.optim.backend;

import io.inverseface.optim.backend.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the device backends (OpenCL, CUDA) share, so that each keeps only its API calls: argument
 * and shape checks, the lifecycle of the Jacobians it hands out, reusable device scratch buffers,
 * float staging of host vectors and the host Cholesky, and the {@link ComputeDevice} through which
 * energy terms run their own kernels on the same context (see {@link DeviceResidentBackend}).
 *
 * <p>An implementation detail of this package and its sub-packages, not an extension point.
 *
 * @param <M> a handle to device memory
 * @param <J> the backend's Jacobian type
 */
public abstract class AbstractDeviceBackend<M, J extends DeviceDenseJacobian<M>> implements DeviceResidentBackend {

    private static final String UTILS_RESOURCE = "/io/inverseface/optim/kernels/device_utils.cl";
    /** Elements per work item of the sum-of-squares reduction. */
    private static final int SUM_CHUNK = 64;
    /** Device-resident constant tables kept (least recently used dropped first). */
    private static final int MAX_CONSTANTS = 64;

    private final String label;
    private final CpuBackend hostSolver = new CpuBackend(1);
    private final List<J> live = new ArrayList<>();
    private final List<Scratch> scratches = new ArrayList<>();
    /** Device input of the vector products. */
    protected final Scratch vectorIn = new Scratch();
    /** Device output of the vector products. */
    protected final Scratch vectorOut = new Scratch();
    private float[] hostFloats = new float[0];
    private float[] hostFloatsOut = new float[0];
    private final List<Memory> buffers = new ArrayList<>();
    private final Map<String, Object> kernels = new HashMap<>();
    private final Map<ConstantKey, Memory> constants = new LinkedHashMap<>(16, 0.75f, true);
    private final Compute compute = new Compute();
    private final Scratch sumPartial = new Scratch();
    private float[] sumHost = new float[0];
    private boolean closed;

    /** @param label the API's name in messages, e.g. {@code "CUDA"} */
    protected AbstractDeviceBackend(String label) {
        this.label = label;
    }

    // --- what each device backend provides -------------------------------------------------------

    /** Copies a checked double Jacobian to the device. */
    protected abstract J uploadDoubles(double[] jacobian, int rows, int cols);

    /** Copies a checked float Jacobian to the device. */
    protected abstract J uploadFloats(float[] jacobian, int rows, int cols);

    /** Wraps device memory holding a row-major float Jacobian (see {@link #allocateJacobian}). */
    protected abstract J wrapFloats(M memory, int rows, int cols);

    /**
     * {@link #normalEquations} after its arguments were checked, with the residuals on the device
     * (in the Jacobian's precision).
     */
    protected abstract void deviceNormalEquations(J jacobian, M residuals, double[] jtj, double[] jtr);

    /** {@link #multiply} after its arguments were checked. */
    protected abstract void deviceMultiply(J jacobian, double[] v, double[] out);

    /** {@link #multiplyTransposed} after its arguments were checked. */
    protected abstract void deviceMultiplyTransposed(J jacobian, double[] u, double[] out);

    /** Allocates {@code bytes} of device memory (read-write). */
    protected abstract M allocate(long bytes);

    /** Frees device memory; the backend's context is current. */
    protected abstract void free(M memory);

    /** Blocking copy of {@code length} host values to the device, from element {@code offset} on. */
    protected abstract void writeFloats(M target, long offset, float[] source, int length);

    /** Blocking copy of {@code length} host ints to the device, from element {@code offset} on. */
    protected abstract void writeInts(M target, long offset, int[] source, int length);

    /** Blocking copy of {@code length} host values to the device. */
    protected abstract void writeDoubles(M target, double[] source, int length);

    /** Blocking copy of {@code length} device values from element {@code offset} on to the host (waits for the preceding work). */
    protected abstract void readFloats(M source, long offset, float[] target, int length);

    /** Blocking copy of {@code length} device values to the host (waits for the preceding work). */
    protected abstract void readDoubles(M source, double[] target, int length);

    /**
     * Compiles {@code source} (prelude included) once and returns the native handle of kernel {@code name};
     * throws IllegalStateException with the compiler log on failure. Programs live until {@link #releaseDevice}.
     */
    protected abstract Object compileKernel(String source, String name);

    /** Launches a kernel from {@link #compileKernel} over {@code workItems} items; args are M, Integer or Float. */
    protected abstract void launchKernel(Object kernel, int workItems, Object[] args);

    /** Makes this backend's context current before device calls; nothing by default. */
    protected void activate() {
    }

    /** Releases what the backend holds besides Jacobians and scratch buffers (kernels, contexts). */
    protected abstract void releaseDevice();

    // --- the interface, checked once here ----------------------------------------------------------

    @Override
    public final DenseJacobian upload(double[] jacobian, int rows, int cols) {
        checkOpen();
        checkShape(jacobian.length, rows, cols);
        return track(uploadDoubles(jacobian, rows, cols));
    }

    @Override
    public final DenseJacobian upload(float[] jacobian, int rows, int cols) {
        checkOpen();
        checkShape(jacobian.length, rows, cols);
        return track(uploadFloats(jacobian, rows, cols));
    }

    @Override
    public final void normalEquations(DenseJacobian jacobian, double[] residuals, double[] jtj, double[] jtr) {
        J j = own(jacobian);
        int n = j.cols();
        checkLength("residuals", residuals.length, j.rows());
        checkLength("jtj", jtj.length, (long) n * n);
        checkLength("jtr", jtr.length, n);
        deviceNormalEquations(j, writeVector(residuals, j.singlePrecision()), jtj, jtr);
    }

    @Override
    public final void normalEquations(DenseJacobian jacobian, DeviceBuffer residuals, double[] jtj, double[] jtr) {
        J j = own(jacobian);
        if (!j.singlePrecision()) {
            throw new IllegalArgumentException("device-resident residuals are float: use a float Jacobian");
        }
        Memory r = compute.own(residuals);
        int n = j.cols();
        checkLength("residuals", r.elements, j.rows(), true);
        checkLength("jtj", jtj.length, (long) n * n);
        checkLength("jtr", jtr.length, n);
        deviceNormalEquations(j, r.memory(), jtj, jtr);
    }

    @Override
    public final ComputeDevice compute() {
        checkOpen();
        return compute;
    }

    @Override
    public final DenseJacobian allocateJacobian(int rows, int cols) {
        checkOpen();
        checkShape((long) rows * cols, rows, cols);
        M memory = allocate((long) Float.BYTES * rows * cols);
        J j;
        try {
            zero(memory, 0, (long) rows * cols);
            j = wrapFloats(memory, rows, cols);
        } catch (RuntimeException e) {
            free(memory);
            throw e;
        }
        return track(j);
    }

    @Override
    public final DeviceBuffer memoryOf(DenseJacobian jacobian) {
        J j = own(jacobian);
        if (!j.singlePrecision()) {
            throw new IllegalArgumentException("only float Jacobians can be written by kernels");
        }
        return new Memory(j.memory(), (long) j.rows() * j.cols(), false);
    }

    @Override
    public final void multiply(DenseJacobian jacobian, double[] v, double[] out) {
        deviceMultiply(ownForProduct(jacobian, "v", v, out, false), v, out);
    }

    @Override
    public final void multiplyTransposed(DenseJacobian jacobian, double[] u, double[] out) {
        deviceMultiplyTransposed(ownForProduct(jacobian, "u", u, out, true), u, out);
    }

    @Override
    public final boolean solveSymmetricPositiveDefinite(double[] a, int n, double[] b, double[] x) {
        // n×n is small next to the m×n Jacobian: the host Cholesky beats a device round trip
        // (and needs no cuSOLVER).
        return hostSolver.solveSymmetricPositiveDefinite(a, n, b, x);
    }

    /**
     * Frees everything; synchronised on this backend, the monitor under which the coarse and detail stages
     * use it, so a reconstructor closed by one thread never frees memory under another thread's fit.
     */
    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        activate();
        for (J j : new ArrayList<>(live)) {
            j.close();
        }
        for (Scratch s : scratches) {
            s.release();
        }
        for (Memory m : new ArrayList<>(buffers)) {
            m.close();
        }
        constants.clear();
        releaseDevice();
        hostSolver.close();
    }

    // --- host-side staging ---------------------------------------------------------------------------

    /** Copies a host vector to {@link #vectorIn}, narrowed to float for a float Jacobian. */
    protected final M writeVector(double[] v, boolean singlePrecision) {
        if (singlePrecision) {
            if (hostFloats.length < v.length) {
                hostFloats = new float[v.length];
            }
            for (int i = 0; i < v.length; i++) {
                hostFloats[i] = (float) v[i];
            }
            M mem = vectorIn.ensure((long) Float.BYTES * v.length);
            writeFloats(mem, hostFloats, v.length);
            return mem;
        }
        M mem = vectorIn.ensure((long) Double.BYTES * v.length);
        writeDoubles(mem, v, v.length);
        return mem;
    }

    /** Blocking read of {@code length} values into {@code target}, widened from float if needed. */
    protected final void readBack(M mem, boolean singlePrecision, double[] target, int length) {
        if (singlePrecision) {
            if (hostFloatsOut.length < length) {
                hostFloatsOut = new float[length];
            }
            readFloats(mem, hostFloatsOut, length);
            for (int i = 0; i < length; i++) {
                target[i] = hostFloatsOut[i];
            }
        } else {
            readDoubles(mem, target, length);
        }
    }

    /** Blocking copy of {@code length} host values to the start of {@code target}. */
    protected final void writeFloats(M target, float[] source, int length) {
        writeFloats(target, 0, source, length);
    }

    /** Blocking copy of {@code length} device values from the start of {@code source}. */
    protected final void readFloats(M source, float[] target, int length) {
        readFloats(source, 0, target, length);
    }

    /** Zeroes {@code count} floats of {@code memory} from element {@code offset} on, with the fill_zero kernel. */
    private void zero(M memory, long offset, long count) {
        checkIntRange(offset + count);
        if (count > 0) {
            launchKernel(utilsKernel("fill_zero"), (int) count, new Object[] {memory, (int) offset, (int) count});
        }
    }

    private Object utilsKernel(String name) {
        return kernelHandle(KernelResources.read(UTILS_RESOURCE), name);
    }

    /** The native kernel for (source without prelude, name), compiled on first use. */
    private Object kernelHandle(String source, String name) {
        String full = compute.dialect().prelude() + source;
        String key = name + '\u0000' + full;
        Object k = kernels.get(key);
        if (k == null) {
            k = compileKernel(full, name);
            kernels.put(key, k);
        }
        return k;
    }

    private static void checkIntRange(long elements) {
        if (elements > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kernels index with int: " + elements + " elements is too many");
        }
    }

    /** Bytes per stored value of a Jacobian of this precision. */
    protected static int valueBytes(boolean singlePrecision) {
        return singlePrecision ? Float.BYTES : Double.BYTES;
    }

    // --- bookkeeping -----------------------------------------------------------------------------------

    String label() {
        return label;
    }

    final void freeJacobian(M memory) {
        activate();
        free(memory);
    }

    final void forget(DeviceDenseJacobian<M> j) {
        live.remove(j);
    }

    private J own(DenseJacobian jacobian) {
        checkOpen();
        if (!(jacobian instanceof DeviceDenseJacobian<?> d) || d.owner() != this) {
            throw new IllegalArgumentException("the Jacobian was not uploaded by this " + label + " backend");
        }
        @SuppressWarnings("unchecked") // only this backend's uploads have it as their owner
        J j = (J) d;
        return j;
    }

    /** {@link #own} plus the vector lengths of {@code out = J·in} (or {@code Jᵀ·in} when transposed). */
    private J ownForProduct(DenseJacobian jacobian, String inName, double[] in, double[] out, boolean transposed) {
        J j = own(jacobian);
        checkLength(inName, in.length, transposed ? j.rows() : j.cols());
        checkLength("out", out.length, transposed ? j.cols() : j.rows());
        return j;
    }

    private J track(J j) {
        live.add(j);
        return j;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the " + label + " backend was closed");
        }
        activate();
    }

    private static void checkShape(long length, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("Jacobian shape must be at least 1×1, got " + rows + "×" + cols);
        }
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException("Jacobian array has " + length + " values, expected rows·cols = "
                    + rows + "·" + cols + " = " + (long) rows * cols);
        }
    }

    private static void checkLength(String what, long actual, long expected) {
        checkLength(what, actual, expected, false);
    }

    private static void checkLength(String what, long actual, long expected, boolean atLeast) {
        if (atLeast ? actual < expected : actual != expected) {
            throw new IllegalArgumentException(what + " has length " + actual + ", expected "
                    + (atLeast ? "at least " : "") + expected);
        }
    }

    /** Device memory handed out through {@link ComputeDevice} (or a non-owning view of a Jacobian). */
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

        AbstractDeviceBackend<M, J> owner() {
            return AbstractDeviceBackend.this;
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

    private record NamedKernel(Object owner, String name, Object handle) implements DeviceKernel {
    }

    /** Constant tables are keyed by their owner's identity and a name. */
    private record ConstantKey(IdentityRef owner, String name) {
    }

    /** The owner of a constant table, held weakly and compared by identity. */
    private static final class IdentityRef {
        private final java.lang.ref.WeakReference<Object> target;
        private final int hash;

        IdentityRef(Object target) {
            this.target = new java.lang.ref.WeakReference<>(target);
            this.hash = System.identityHashCode(target);
        }

        boolean cleared() {
            return target.get() == null;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            Object mine = target.get();
            return mine != null && o instanceof IdentityRef r && r.target.get() == mine;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The {@link ComputeDevice} view of this backend. */
    private final class Compute implements ComputeDevice {

        @Override
        public String name() {
            return AbstractDeviceBackend.this.name();
        }

        @Override
        public KernelDialect dialect() {
            return kind() == Backend.CUDA ? KernelDialect.CUDA : KernelDialect.OPENCL;
        }

        @Override
        public DeviceBuffer allocate(long elements) {
            checkOpen();
            if (elements < 1) {
                throw new IllegalArgumentException("buffer must hold at least one element, got " + elements);
            }
            return new Memory(AbstractDeviceBackend.this.allocate(4L * elements), elements, true);
        }

        @Override
        public void write(DeviceBuffer target, long offset, float[] source, int length) {
            Memory m = own(target);
            checkRange(m, offset, length, source.length);
            writeFloats(m.memory(), offset, source, length);
        }

        @Override
        public void write(DeviceBuffer target, long offset, int[] source, int length) {
            Memory m = own(target);
            checkRange(m, offset, length, source.length);
            writeInts(m.memory(), offset, source, length);
        }

        @Override
        public void read(DeviceBuffer source, long offset, float[] target, int length) {
            Memory m = own(source);
            checkRange(m, offset, length, target.length);
            readFloats(m.memory(), offset, target, length);
        }

        @Override
        public void fillZero(DeviceBuffer target, long offset, long count) {
            Memory m = own(target);
            checkRange(m, offset, count, count);
            zero(m.memory(), offset, count);
        }

        @Override
        public double sumOfSquares(DeviceBuffer source, long offset, int count) {
            Memory m = own(source);
            checkRange(m, offset, count, count);
            checkIntRange(offset + count);
            if (count == 0) {
                return 0;
            }
            int chunks = (count + SUM_CHUNK - 1) / SUM_CHUNK;
            M partial = sumPartial.ensure(4L * chunks);
            launchKernel(utilsKernel("sum_squares"), chunks,
                    new Object[] {m.memory(), (int) offset, count, SUM_CHUNK, partial});
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
        public DeviceKernel kernel(String source, String name) {
            checkOpen();
            return new NamedKernel(AbstractDeviceBackend.this, name, kernelHandle(source, name));
        }

        @Override
        public void launch(DeviceKernel kernel, int workItems, Object... args) {
            checkOpen();
            if (!(kernel instanceof NamedKernel k) || k.owner() != AbstractDeviceBackend.this) {
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
                launchKernel(((NamedKernel) kernel).handle(), workItems, unwrapped);
            }
        }

        @Override
        public DeviceBuffer constant(Object owner, String name, Supplier<float[]> data) {
            return cached(owner, "f:" + name, () -> {
                float[] values = data.get();
                Memory m = (Memory) allocate(Math.max(1, values.length));
                if (values.length > 0) {
                    writeFloats(m.memory(), 0, values, values.length);
                }
                return m;
            });
        }

        @Override
        public DeviceBuffer constantInts(Object owner, String name, Supplier<int[]> data) {
            return cached(owner, "i:" + name, () -> {
                int[] values = data.get();
                Memory m = (Memory) allocate(Math.max(1, values.length));
                if (values.length > 0) {
                    writeInts(m.memory(), 0, values, values.length);
                }
                return m;
            });
        }

        private Memory cached(Object owner, String name, Supplier<Memory> upload) {
            checkOpen();
            // Tables of owners that were garbage-collected are freed here.
            Iterator<Map.Entry<ConstantKey, Memory>> it = constants.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<ConstantKey, Memory> e = it.next();
                if (e.getKey().owner().cleared()) {
                    it.remove();
                    e.getValue().close();
                }
            }
            ConstantKey key = new ConstantKey(new IdentityRef(owner), name);
            Memory m = constants.get(key);
            if (m == null) {
                m = upload.get();
                constants.put(key, m);
                if (constants.size() > MAX_CONSTANTS) {
                    Iterator<Memory> eldest = constants.values().iterator();
                    Memory old = eldest.next();
                    eldest.remove();
                    old.close();
                }
            }
            return m;
        }

        private Memory own(DeviceBuffer b) {
            checkOpen();
            if (!(b instanceof AbstractDeviceBackend<?, ?>.Memory m) || m.owner() != AbstractDeviceBackend.this) {
                throw new IllegalArgumentException("the buffer does not belong to this " + label + " device");
            }
            @SuppressWarnings("unchecked") // the owner check above pins M
            Memory mine = (Memory) m;
            return mine;
        }

        private void checkRange(Memory m, long offset, long length, long available) {
            if (offset < 0 || length < 0 || length > available || offset + length > m.elements) {
                throw new IndexOutOfBoundsException("elements [" + offset + ", " + (offset + length)
                        + ") outside a buffer of " + m.elements + (length > available ? " (host array too short)" : ""));
            }
        }
    }

    /** A device buffer that grows on demand, is reused across calls and is freed with the backend. */
    protected final class Scratch {
        private M memory;
        private long capacity;

        public Scratch() {
            scratches.add(this);
        }

        public M ensure(long bytes) {
            if (memory == null || capacity < bytes) {
                release();
                memory = allocate(Math.max(bytes, 8));
                capacity = bytes;
            }
            return memory;
        }

        void release() {
            if (memory != null) {
                free(memory);
                memory = null;
                capacity = 0;
            }
        }
    }
}
