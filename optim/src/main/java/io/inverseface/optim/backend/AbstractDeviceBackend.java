package io.inverseface.optim.backend;

import io.inverseface.compute.AbstractComputeDevice;
import io.inverseface.compute.ComputeDevice;
import io.inverseface.compute.DeviceBuffer;
import io.inverseface.compute.ScratchBuffer;
import io.inverseface.optim.backend.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * The linear algebra the device backends (OpenCL, CUDA) share, so that each keeps only its API calls:
 * argument and shape checks, the lifecycle of the Jacobians it hands out, float staging of host vectors
 * and the host Cholesky. Memory, kernels and constant tables belong to the {@link AbstractComputeDevice}
 * it runs on (module compute), which energy terms reach through {@link #compute()} on the same context.
 *
 * <p>An implementation detail of this package and its sub-packages, not an extension point.
 *
 * @param <M> a handle to device memory
 * @param <J> the backend's Jacobian type
 */
public abstract class AbstractDeviceBackend<M, J extends DeviceDenseJacobian<M>> implements DeviceResidentBackend {

    /** Memory, kernels and launches; closed with this backend. */
    protected final AbstractComputeDevice<M> device;
    private final CpuBackend hostSolver = new CpuBackend(1);
    private final List<J> live = new ArrayList<>();
    /** Device input of the vector products. */
    protected final ScratchBuffer<M> vectorIn;
    /** Device output of the vector products. */
    protected final ScratchBuffer<M> vectorOut;
    private float[] hostFloats = new float[0];
    private float[] hostFloatsOut = new float[0];
    private boolean closed;

    /** @param device the device this backend owns and closes */
    protected AbstractDeviceBackend(AbstractComputeDevice<M> device) {
        this.device = device;
        this.vectorIn = device.scratch();
        this.vectorOut = device.scratch();
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

    /** Releases what the linear algebra holds on the device besides memory (its kernels, cuBLAS). */
    protected abstract void releaseLinearAlgebra();

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
        M r = device.memory(residuals);
        int n = j.cols();
        checkLength("residuals", residuals.elements(), j.rows(), true);
        checkLength("jtj", jtj.length, (long) n * n);
        checkLength("jtr", jtr.length, n);
        deviceNormalEquations(j, r, jtj, jtr);
    }

    @Override
    public final ComputeDevice compute() {
        checkOpen();
        return device;
    }

    @Override
    public final DenseJacobian allocateJacobian(int rows, int cols) {
        checkOpen();
        checkShape((long) rows * cols, rows, cols);
        M memory = device.allocateBytes((long) Float.BYTES * rows * cols);
        J j;
        try {
            device.zero(memory, 0, (long) rows * cols);
            j = wrapFloats(memory, rows, cols);
        } catch (RuntimeException e) {
            device.free(memory);
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
        return device.view(j.memory(), (long) j.rows() * j.cols());
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
        device.activate();
        for (J j : new ArrayList<>(live)) {
            j.close();
        }
        releaseLinearAlgebra();
        device.close();
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
            device.writeFloats(mem, 0, hostFloats, v.length);
            return mem;
        }
        M mem = vectorIn.ensure((long) Double.BYTES * v.length);
        device.writeDoubles(mem, v, v.length);
        return mem;
    }

    /** Blocking read of {@code length} values into {@code target}, widened from float if needed. */
    protected final void readBack(M mem, boolean singlePrecision, double[] target, int length) {
        if (singlePrecision) {
            if (hostFloatsOut.length < length) {
                hostFloatsOut = new float[length];
            }
            device.readFloats(mem, 0, hostFloatsOut, length);
            for (int i = 0; i < length; i++) {
                target[i] = hostFloatsOut[i];
            }
        } else {
            device.readDoubles(mem, target, length);
        }
    }

    /** Bytes per stored value of a Jacobian of this precision. */
    protected static int valueBytes(boolean singlePrecision) {
        return singlePrecision ? Float.BYTES : Double.BYTES;
    }

    // --- bookkeeping -----------------------------------------------------------------------------------

    String label() {
        return device.label();
    }

    final void freeJacobian(M memory) {
        device.activate();
        device.free(memory);
    }

    final void forget(DeviceDenseJacobian<M> j) {
        live.remove(j);
    }

    private J own(DenseJacobian jacobian) {
        checkOpen();
        if (!(jacobian instanceof DeviceDenseJacobian<?> d) || d.owner() != this) {
            throw new IllegalArgumentException("the Jacobian was not uploaded by this " + label() + " backend");
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
            throw new IllegalStateException("the " + label() + " backend was closed");
        }
        device.activate();
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
}
