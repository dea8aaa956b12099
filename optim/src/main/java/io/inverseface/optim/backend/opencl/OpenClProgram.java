package io.inverseface.optim.backend.opencl;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

import java.nio.charset.StandardCharsets;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/** The shared kernel source compiled for one device and one precision. */
final class OpenClProgram implements AutoCloseable {

    final boolean singlePrecision;
    final cl_kernel gramSlices;
    final cl_kernel transposedProductSlices;
    final cl_kernel sumSlices;
    final cl_kernel product;
    private final cl_program program;

    OpenClProgram(cl_context context, cl_device_id device, boolean singlePrecision) {
        this.singlePrecision = singlePrecision;
        String source = KernelSource.openCl(singlePrecision);
        program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[] {device}, "", null, null);
        } catch (CLException e) {
            String log = buildLog(device);
            CL.clReleaseProgram(program);
            throw new IllegalStateException("OpenCL kernel build failed (" + (singlePrecision ? "float" : "double")
                    + "): " + e.getMessage() + "\n" + log, e);
        }
        gramSlices = CL.clCreateKernel(program, "gram_slices", null);
        transposedProductSlices = CL.clCreateKernel(program, "transposed_product_slices", null);
        sumSlices = CL.clCreateKernel(program, "sum_slices", null);
        product = CL.clCreateKernel(program, "product", null);
    }

    private String buildLog(cl_device_id device) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buffer = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, buffer.length, Pointer.to(buffer), null);
            return new String(buffer, StandardCharsets.UTF_8).trim();
        } catch (RuntimeException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        CL.clReleaseKernel(gramSlices);
        CL.clReleaseKernel(transposedProductSlices);
        CL.clReleaseKernel(sumSlices);
        CL.clReleaseKernel(product);
        CL.clReleaseProgram(program);
    }
}
