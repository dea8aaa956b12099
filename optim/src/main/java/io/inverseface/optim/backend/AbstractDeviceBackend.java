package io.inverseface.optim.backend;

import io.inverseface.optim.backend.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * What the device backends (OpenCL, CUDA) share, so that each keeps only its API calls: argument
 * and shape checks, the lifecycle of the Jacobians it hands out, reusable device scratch buffers,
 * float staging of host vectors and the host Cholesky.
 *
 * <p>An implementation detail of this package and its sub-packages, not an extension point.
 *
 * @param <M> a handle to device memory
 * @param <J> the backend's Jacobian type
 */
public abstract class AbstractDeviceBackend<M, J extends DeviceDenseJacobian<M>> implements LinearAlgebraBackend {

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

    /** {@link #normalEquations} after its arguments were checked. */
    protected abstract void deviceNormalEquations(J jacobian, double[] residuals, double[] jtj, double[] jtr);

    /** {@link #multiply} after its arguments were checked. */
    protected abstract void deviceMultiply(J jacobian, double[] v, double[] out);

    /** {@link #multiplyTransposed} after its arguments were checked. */
    protected abstract void deviceMultiplyTransposed(J jacobian, double[] u, double[] out);

    /** Allocates {@code bytes} of device memory (read-write). */
    protected abstract M allocate(long bytes);

    /** Frees device memory; the backend's context is current. */
    protected abstract void free(M memory);

    /** Blocking copy of {@code length} host values to the device. */
    protected abstract void writeFloats(M target, float[] source, int length);

    /** Blocking copy of {@code length} host values to the device. */
    protected abstract void writeDoubles(M target, double[] source, int length);

    /** Blocking copy of {@code length} device values to the host (waits for the preceding work). */
    protected abstract void readFloats(M source, float[] target, int length);

    /** Blocking copy of {@code length} device values to the host (waits for the preceding work). */
    protected abstract void readDoubles(M source, double[] target, int length);

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
        deviceNormalEquations(j, residuals, jtj, jtr);
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

    @Override
    public final void close() {
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

    private static void checkShape(int length, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("Jacobian shape must be at least 1×1, got " + rows + "×" + cols);
        }
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException("Jacobian array has " + length + " values, expected rows·cols = "
                    + rows + "·" + cols + " = " + (long) rows * cols);
        }
    }

    private static void checkLength(String what, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has length " + actual + ", expected " + expected);
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
