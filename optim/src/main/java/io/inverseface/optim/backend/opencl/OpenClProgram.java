package io.inverseface.optim.backend.opencl;

import io.inverseface.compute.opencl.OpenClComputeDevice;
import org.jocl.CL;
import org.jocl.CLException;
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
            String log = OpenClComputeDevice.buildLog(program, device);
            CL.clReleaseProgram(program);
            throw new IllegalStateException("OpenCL kernel build failed (" + (singlePrecision ? "float" : "double")
                    + "): " + e.getMessage() + "\n" + log, e);
        }
        gramSlices = CL.clCreateKernel(program, "gram_slices", null);
        transposedProductSlices = CL.clCreateKernel(program, "transposed_product_slices", null);
        sumSlices = CL.clCreateKernel(program, "sum_slices", null);
        product = CL.clCreateKernel(program, "product", null);
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
