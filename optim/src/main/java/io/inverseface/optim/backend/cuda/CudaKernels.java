package io.inverseface.optim.backend.cuda;

import io.inverseface.compute.cuda.CudaCompiler;
import io.inverseface.optim.backend.opencl.KernelSource;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/** The shared normal-equation kernels compiled for one precision ({@link CudaCompiler}) and loaded as a module. */
final class CudaKernels implements AutoCloseable {

    final CUfunction mirrorLower = new CUfunction();
    final CUfunction gramSlices = new CUfunction();
    final CUfunction transposedProductSlices = new CUfunction();
    final CUfunction sumSlices = new CUfunction();
    final CUfunction product = new CUfunction();
    private final CUmodule module = new CUmodule();

    CudaKernels(boolean singlePrecision, int computeMajor, int computeMinor) {
        JCudaDriver.cuModuleLoadData(module, CudaCompiler.ptx(KernelSource.cuda(singlePrecision),
                "normal_equations.cu", computeMajor, computeMinor));
        JCudaDriver.cuModuleGetFunction(mirrorLower, module, "mirror_lower");
        JCudaDriver.cuModuleGetFunction(gramSlices, module, "gram_slices");
        JCudaDriver.cuModuleGetFunction(transposedProductSlices, module, "transposed_product_slices");
        JCudaDriver.cuModuleGetFunction(sumSlices, module, "sum_slices");
        JCudaDriver.cuModuleGetFunction(product, module, "product");
    }

    @Override
    public void close() {
        JCudaDriver.cuModuleUnload(module);
    }
}
