package io.inverseface.optim.backend.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;

import io.inverseface.optim.backend.AbstractDeviceBackend;
import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.BackendUnavailableException;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.SignalChaining;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

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

    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final OpenClProgram floatProgram;
    private OpenClProgram doubleProgram;
    private final Scratch vectorPartial = new Scratch();
    private final Scratch gramOut = new Scratch();
    private final Scratch gramPartial = new Scratch();
    /** Programs built for {@link #compileKernel}, by source text, and their kernels. */
    private final Map<String, cl_program> programs = new HashMap<>();
    private final List<cl_kernel> compiledKernels = new ArrayList<>();

    private OpenClBackend(OpenClDevice device) {
        super("OpenCL");
        this.device = device;
        if (device.platformName().contains("Portable Computing Language")) {
            SignalChaining.warnIfInactive("PoCL");
        }
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        cl_device_id[] devices = {device.device()};
        context = CL.clCreateContext(properties, 1, devices, null, null, null);
        cl_command_queue q = null;
        try {
            // clCreateCommandQueue (1.x) rather than ...WithProperties (2.0): works on every runtime.
            @SuppressWarnings("deprecation")
            cl_command_queue created = CL.clCreateCommandQueue(context, device.device(), 0, null);
            q = created;
            floatProgram = new OpenClProgram(context, device.device(), true);
        } catch (RuntimeException e) {
            if (q != null) {
                CL.clReleaseCommandQueue(q);
            }
            CL.clReleaseContext(context);
            throw e;
        }
        queue = q;
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
        try {
            return new OpenClBackend(device);
        } catch (Throwable t) {
            throw new BackendUnavailableException(Backend.OPENCL,
                    "cannot initialise " + device.describe() + ": " + t.getMessage(), t);
        }
    }

    /** The device this backend runs on. */
    public OpenClDevice device() {
        return device;
    }

    /** True when double-precision Jacobians can be uploaded. */
    public boolean supportsDouble() {
        return device.fp64();
    }

    @Override
    public String name() {
        return "opencl:" + device.name();
    }

    @Override
    public Backend kind() {
        return Backend.OPENCL;
    }

    @Override
    protected OpenClDenseJacobian uploadDoubles(double[] jacobian, int rows, int cols) {
        if (!device.fp64()) {
            throw new UnsupportedOperationException("OpenCL device " + device.name()
                    + " has no double precision (cl_khr_fp64); upload a float Jacobian instead");
        }
        program(false);
        cl_mem buffer = CL.clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                (long) Sizeof.cl_double * jacobian.length, Pointer.to(jacobian), null);
        return new OpenClDenseJacobian(this, rows, cols, false, buffer);
    }

    @Override
    protected OpenClDenseJacobian uploadFloats(float[] jacobian, int rows, int cols) {
        cl_mem buffer = CL.clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
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
        int wanted = (int) Math.min(maxSlices, Math.max(1, ceilDiv(4L * device.computeUnits(), activeTiles)));
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
    protected void releaseDevice() {
        for (cl_kernel k : compiledKernels) {
            CL.clReleaseKernel(k);
        }
        for (cl_program p : programs.values()) {
            CL.clReleaseProgram(p);
        }
        floatProgram.close();
        if (doubleProgram != null) {
            doubleProgram.close();
        }
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }

    @Override
    protected cl_mem allocate(long bytes) {
        return CL.clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
    }

    @Override
    protected void free(cl_mem mem) {
        CL.clReleaseMemObject(mem);
    }

    @Override
    protected void writeFloats(cl_mem target, long offset, float[] source, int length) {
        write(target, offset * Sizeof.cl_float, Pointer.to(source), (long) Sizeof.cl_float * length);
    }

    @Override
    protected void writeInts(cl_mem target, long offset, int[] source, int length) {
        write(target, offset * Sizeof.cl_int, Pointer.to(source), (long) Sizeof.cl_int * length);
    }

    @Override
    protected void writeDoubles(cl_mem target, double[] source, int length) {
        write(target, 0, Pointer.to(source), (long) Sizeof.cl_double * length);
    }

    @Override
    protected void readFloats(cl_mem source, long offset, float[] target, int length) {
        read(source, offset * Sizeof.cl_float, Pointer.to(target), (long) Sizeof.cl_float * length);
    }

    @Override
    protected void readDoubles(cl_mem source, double[] target, int length) {
        read(source, 0, Pointer.to(target), (long) Sizeof.cl_double * length);
    }

    @Override
    protected Object compileKernel(String source, String name) {
        cl_program program = programs.get(source);
        if (program == null) {
            program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
            try {
                CL.clBuildProgram(program, 1, new cl_device_id[] {device.device()}, "", null, null);
            } catch (CLException e) {
                String log = buildLog(program);
                CL.clReleaseProgram(program);
                throw new IllegalStateException("OpenCL kernel build failed: " + e.getMessage() + "\n" + log, e);
            }
            programs.put(source, program);
        }
        cl_kernel kernel = CL.clCreateKernel(program, name, null);
        compiledKernels.add(kernel);
        return kernel;
    }

    @Override
    protected void launchKernel(Object kernel, int workItems, Object[] args) {
        cl_kernel k = (cl_kernel) kernel;
        setArgs(k, args);
        CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {workItems}, null, 0, null, null);
    }

    private String buildLog(cl_program program) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device.device(), CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buffer = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device.device(), CL.CL_PROGRAM_BUILD_LOG, buffer.length,
                    Pointer.to(buffer), null);
            return new String(buffer, StandardCharsets.UTF_8).trim();
        } catch (RuntimeException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }

    /** Blocking, so the host array may be reused at once. */
    private void write(cl_mem target, long byteOffset, Pointer source, long bytes) {
        CL.clEnqueueWriteBuffer(queue, target, true, byteOffset, bytes, source, 0, null, null);
    }

    /** Blocking: waits for the kernels enqueued before it. */
    private void read(cl_mem source, long byteOffset, Pointer target, long bytes) {
        CL.clEnqueueReadBuffer(queue, source, true, byteOffset, bytes, target, 0, null, null);
    }

    /** Jᵀu into {@code result} (length n on the device): per-slice column sums, then summed. */
    private void transposedProduct(OpenClProgram p, OpenClDenseJacobian j, cl_mem in, cl_mem result) {
        int m = j.rows();
        int n = j.cols();
        int bytes = valueBytes(j.singlePrecision());
        int slices = Math.max(1, Math.min(ceilDiv(m, 256), 64 * device.computeUnits()));
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
        CL.clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, local, 0, null, null);
    }

    private static void setArgs(cl_kernel kernel, Object... args) {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof cl_mem mem) {
                CL.clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(mem));
            } else if (a instanceof Float f) {
                CL.clSetKernelArg(kernel, i, Sizeof.cl_float, Pointer.to(new float[] {f}));
            } else {
                CL.clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {(Integer) a}));
            }
        }
    }

    private OpenClProgram program(boolean singlePrecision) {
        if (singlePrecision) {
            return floatProgram;
        }
        if (!device.fp64()) {
            throw new UnsupportedOperationException("OpenCL device " + device.name() + " has no double precision");
        }
        if (doubleProgram == null) {
            doubleProgram = new OpenClProgram(context, device.device(), false);
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
