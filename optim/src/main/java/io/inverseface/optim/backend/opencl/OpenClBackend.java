package io.inverseface.optim.backend.opencl;

import static io.inverseface.compute.opencl.OpenClComputeDevice.setArgs;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;

import io.inverseface.compute.ScratchBuffer;
import io.inverseface.compute.opencl.OpenClComputeDevice;
import io.inverseface.compute.opencl.OpenClDevice;
import io.inverseface.optim.backend.AbstractDeviceBackend;
import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.BackendUnavailableException;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * {@link LinearAlgebraBackend} on one OpenCL device (JOCL), float always, double when the device
 * has cl_khr_fp64.
 *
 * <p>JᵀJ is computed by the tiled {@code gram_slices} kernel: the rows of J are cut into slices,
 * each slice's upper-triangle tiles accumulate {@code Σ_k J_kᵀJ_k} in local memory and are
 * mirrored, and {@code sum_slices} adds the slice partials; slicing gives a GPU enough work-groups
 * when n is small. Jᵀr and Jᵀu use the same slice-then-sum scheme; J·v is one work-group per row
 * (coalesced reads, local-memory tree reduction).
 * The SPD solve runs on the host (n×n is tiny next to m×n) with the CPU backend's Cholesky.
 */
public final class OpenClBackend extends AbstractDeviceBackend<cl_mem, OpenClDenseJacobian> {

    private static final int GROUP = 64;

    /** The device, typed for its context and queue. */
    private final OpenClComputeDevice cl;
    private final OpenClProgram floatProgram;
    private OpenClProgram doubleProgram;
    private final ScratchBuffer<cl_mem> vectorPartial;
    private final ScratchBuffer<cl_mem> gramOut;
    private final ScratchBuffer<cl_mem> gramPartial;

    private OpenClBackend(OpenClComputeDevice cl) {
        super(cl);
        this.cl = cl;
        vectorPartial = cl.scratch();
        gramOut = cl.scratch();
        gramPartial = cl.scratch();
        floatProgram = new OpenClProgram(cl.context(), cl.device().device(), true);
    }

    /**
     * Opens the first suitable device: GPUs before others; with {@code gpuOnly} a CPU device
     * (e.g. PoCL) is never chosen.
     *
     * @throws BackendUnavailableException naming why (no runtime, no platform, no suitable device,
     *                                     kernel build failure)
     */
    public static OpenClBackend open(boolean gpuOnly) {
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevice.discover();
        } catch (Throwable t) { // UnsatisfiedLinkError without libOpenCL, CLException without a platform
            throw new BackendUnavailableException(Backend.OPENCL, "no OpenCL platform (" + t + ")", t);
        }
        for (OpenClDevice d : devices) {
            if (!gpuOnly || d.gpu()) {
                return open(d);
            }
        }
        throw new BackendUnavailableException(Backend.OPENCL, devices.isEmpty()
                ? "no OpenCL device found"
                : "no OpenCL GPU device (found only: " + devices.stream().map(OpenClDevice::describe).toList() + ")");
    }

    /** Opens the given device; throws {@link BackendUnavailableException} when that fails. */
    public static OpenClBackend open(OpenClDevice device) {
        OpenClComputeDevice cl = null;
        try {
            cl = new OpenClComputeDevice(device);
            return new OpenClBackend(cl);
        } catch (Throwable t) {
            if (cl != null) {
                cl.close();
            }
            throw new BackendUnavailableException(Backend.OPENCL,
                    "cannot initialise " + device.describe() + ": " + t.getMessage(), t);
        }
    }

    /** The device this backend runs on. */
    public OpenClDevice device() {
        return cl.device();
    }

    /** True when double-precision Jacobians can be uploaded. */
    public boolean supportsDouble() {
        return cl.device().fp64();
    }

    @Override
    public String name() {
        return cl.name();
    }

    @Override
    public Backend kind() {
        return Backend.OPENCL;
    }

    @Override
    protected OpenClDenseJacobian uploadDoubles(double[] jacobian, int rows, int cols) {
        if (!cl.device().fp64()) {
            throw new UnsupportedOperationException("OpenCL device " + cl.device().name()
                    + " has no double precision (cl_khr_fp64); upload a float Jacobian instead");
        }
        program(false);
        cl_mem buffer = CL.clCreateBuffer(cl.context(), CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                (long) Sizeof.cl_double * jacobian.length, Pointer.to(jacobian), null);
        return new OpenClDenseJacobian(this, rows, cols, false, buffer);
    }

    @Override
    protected OpenClDenseJacobian uploadFloats(float[] jacobian, int rows, int cols) {
        cl_mem buffer = CL.clCreateBuffer(cl.context(), CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                (long) Sizeof.cl_float * jacobian.length, Pointer.to(jacobian), null);
        return new OpenClDenseJacobian(this, rows, cols, true, buffer);
    }

    @Override
    protected OpenClDenseJacobian wrapFloats(cl_mem memory, int rows, int cols) {
        return new OpenClDenseJacobian(this, rows, cols, true, memory);
    }

    @Override
    protected void deviceNormalEquations(OpenClDenseJacobian j, cl_mem residuals, double[] jtj, double[] jtr) {
        int m = j.rows();
        int n = j.cols();
        OpenClProgram p = program(j.singlePrecision());
        int bytes = valueBytes(j.singlePrecision());

        // JᵀJ: per-slice upper tiles mirrored, then summed over slices.
        int tiles = (n + KernelSource.TILE - 1) / KernelSource.TILE;
        long activeTiles = (long) tiles * (tiles + 1) / 2;
        int maxSlices = Math.max(1, ceilDiv(m, KernelSource.TILE * 8));
        int wanted = (int) Math.min(maxSlices, Math.max(1, ceilDiv(4L * cl.device().computeUnits(), activeTiles)));
        int rowsPerSlice = roundUp(ceilDiv(m, wanted), KernelSource.TILE);
        int slices = ceilDiv(m, rowsPerSlice);
        long nn = (long) n * n;
        cl_mem out = gramOut.ensure(nn * bytes);
        cl_mem partial = slices == 1 ? out : gramPartial.ensure(slices * nn * bytes);
        setArgs(p.gramSlices, j.buffer(), m, n, rowsPerSlice, partial);
        int side = tiles * KernelSource.TILE;
        launch(p.gramSlices, new long[] {side, side, slices},
                new long[] {KernelSource.TILE, KernelSource.TILE, 1});
        if (slices > 1) {
            sum(p, partial, slices, (int) nn, out);
        }

        // Jᵀr into vectorOut.
        cl_mem g = vectorOut.ensure((long) n * bytes);
        transposedProduct(p, j, residuals, g);
        readBack(out, j.singlePrecision(), jtj, (int) nn);
        readBack(g, j.singlePrecision(), jtr, n);
    }

    @Override
    protected void deviceMultiply(OpenClDenseJacobian j, double[] v, double[] out) {
        int m = j.rows();
        OpenClProgram p = program(j.singlePrecision());
        cl_mem in = writeVector(v, j.singlePrecision());
        cl_mem result = vectorOut.ensure((long) m * valueBytes(j.singlePrecision()));
        setArgs(p.product, j.buffer(), m, j.cols(), in, result);
        launch(p.product, new long[] {(long) m * KernelSource.PRODUCT_GROUP},
                new long[] {KernelSource.PRODUCT_GROUP});
        readBack(result, j.singlePrecision(), out, m);
    }

    @Override
    protected void deviceMultiplyTransposed(OpenClDenseJacobian j, double[] u, double[] out) {
        OpenClProgram p = program(j.singlePrecision());
        cl_mem in = writeVector(u, j.singlePrecision());
        cl_mem result = vectorOut.ensure((long) j.cols() * valueBytes(j.singlePrecision()));
        transposedProduct(p, j, in, result);
        readBack(result, j.singlePrecision(), out, j.cols());
    }

    @Override
    protected void releaseLinearAlgebra() {
        floatProgram.close();
        if (doubleProgram != null) {
            doubleProgram.close();
        }
    }

    /** Jᵀu into {@code result} (length n on the device): per-slice column sums, then summed. */
    private void transposedProduct(OpenClProgram p, OpenClDenseJacobian j, cl_mem in, cl_mem result) {
        int m = j.rows();
        int n = j.cols();
        int bytes = valueBytes(j.singlePrecision());
        int slices = Math.max(1, Math.min(ceilDiv(m, 256), 64 * cl.device().computeUnits()));
        int rowsPerSlice = ceilDiv(m, slices);
        slices = ceilDiv(m, rowsPerSlice);
        cl_mem partial = slices == 1 ? result : vectorPartial.ensure((long) slices * n * bytes);
        setArgs(p.transposedProductSlices, j.buffer(), m, n, rowsPerSlice, in, partial);
        launch(p.transposedProductSlices, new long[] {roundUp(n, GROUP), slices}, new long[] {GROUP, 1});
        if (slices > 1) {
            sum(p, partial, slices, n, result);
        }
    }

    private void sum(OpenClProgram p, cl_mem partial, int slices, int length, cl_mem out) {
        setArgs(p.sumSlices, partial, slices, length, out);
        launch(p.sumSlices, new long[] {roundUp(length, GROUP)}, new long[] {GROUP});
    }

    private void launch(cl_kernel kernel, long[] global, long[] local) {
        CL.clEnqueueNDRangeKernel(cl.queue(), kernel, global.length, null, global, local, 0, null, null);
    }

    private OpenClProgram program(boolean singlePrecision) {
        if (singlePrecision) {
            return floatProgram;
        }
        if (!cl.device().fp64()) {
            throw new UnsupportedOperationException("OpenCL device " + cl.device().name() + " has no double precision");
        }
        if (doubleProgram == null) {
            doubleProgram = new OpenClProgram(cl.context(), cl.device().device(), false);
        }
        return doubleProgram;
    }

    private static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }

    private static int roundUp(int a, int multiple) {
        return ceilDiv(a, multiple) * multiple;
    }
}
