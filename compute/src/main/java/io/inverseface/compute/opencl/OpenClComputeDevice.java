package io.inverseface.compute.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_READ_WRITE;

import io.inverseface.compute.AbstractComputeDevice;
import io.inverseface.compute.KernelDialect;
import io.inverseface.compute.SignalChaining;
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
 * A {@link io.inverseface.compute.ComputeDevice} on one OpenCL device (JOCL): a context and one in-order
 * queue, which code sharing the device (a linear algebra backend) reaches through {@link #context()} and
 * {@link #queue()}. The caller closes it.
 */
public final class OpenClComputeDevice extends AbstractComputeDevice<cl_mem> {

    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    /** Programs built for {@link #compileKernel}, by source text, and their kernels. */
    private final Map<String, cl_program> programs = new HashMap<>();
    private final List<cl_kernel> compiledKernels = new ArrayList<>();

    /** Creates a context and a queue on {@code device}; throws whatever JOCL throws when that fails. */
    public OpenClComputeDevice(OpenClDevice device) {
        super("OpenCL", KernelDialect.OPENCL);
        this.device = device;
        if (device.platformName().contains("Portable Computing Language")) {
            SignalChaining.warnIfInactive("PoCL");
        }
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        cl_device_id[] devices = {device.device()};
        context = CL.clCreateContext(properties, 1, devices, null, null, null);
        try {
            // clCreateCommandQueue (1.x) rather than ...WithProperties (2.0): works on every runtime.
            @SuppressWarnings("deprecation")
            cl_command_queue created = CL.clCreateCommandQueue(context, device.device(), 0, null);
            queue = created;
        } catch (RuntimeException e) {
            CL.clReleaseContext(context);
            throw e;
        }
    }

    /** The device this runs on. */
    public OpenClDevice device() {
        return device;
    }

    /** The context every buffer and program of this device belongs to. */
    public cl_context context() {
        return context;
    }

    /** The one in-order queue: work enqueued here is ordered with this device's copies and launches. */
    public cl_command_queue queue() {
        return queue;
    }

    @Override
    public String name() {
        return "opencl:" + device.name();
    }

    @Override
    public cl_mem allocateBytes(long bytes) {
        return CL.clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
    }

    @Override
    public void free(cl_mem mem) {
        CL.clReleaseMemObject(mem);
    }

    @Override
    public void writeFloats(cl_mem target, long offset, float[] source, int length) {
        write(target, offset * Sizeof.cl_float, Pointer.to(source), (long) Sizeof.cl_float * length);
    }

    @Override
    public void writeInts(cl_mem target, long offset, int[] source, int length) {
        write(target, offset * Sizeof.cl_int, Pointer.to(source), (long) Sizeof.cl_int * length);
    }

    @Override
    public void writeDoubles(cl_mem target, double[] source, int length) {
        write(target, 0, Pointer.to(source), (long) Sizeof.cl_double * length);
    }

    @Override
    public void readFloats(cl_mem source, long offset, float[] target, int length) {
        read(source, offset * Sizeof.cl_float, Pointer.to(target), (long) Sizeof.cl_float * length);
    }

    @Override
    public void readDoubles(cl_mem source, double[] target, int length) {
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
                String log = buildLog(program, device.device());
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

    @Override
    protected void releaseNative() {
        for (cl_kernel k : compiledKernels) {
            CL.clReleaseKernel(k);
        }
        for (cl_program p : programs.values()) {
            CL.clReleaseProgram(p);
        }
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }

    /** Sets the arguments of {@code kernel} in order: {@code cl_mem}, {@link Float} or {@link Integer}. */
    public static void setArgs(cl_kernel kernel, Object... args) {
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

    /** The build log of {@code program} on {@code device}, or why there is none. */
    public static String buildLog(cl_program program, cl_device_id device) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buffer = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device, CL.CL_PROGRAM_BUILD_LOG, buffer.length, Pointer.to(buffer), null);
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
}
