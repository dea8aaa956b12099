package io.inverseface.optim.backend.cuda;

import io.inverseface.optim.backend.opencl.KernelSource;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;

/** The shared kernel source compiled by NVRTC for one precision and loaded as a module. */
final class CudaKernels implements AutoCloseable {

    final CUfunction mirrorLower = new CUfunction();
    private final CUmodule module = new CUmodule();

    CudaKernels(boolean singlePrecision, int computeMajor, int computeMinor) {
        JCudaDriver.cuModuleLoadData(module, ptx(KernelSource.cuda(singlePrecision), "normal_equations.cu",
                computeMajor, computeMinor));
        JCudaDriver.cuModuleGetFunction(mirrorLower, module, "mirror_lower");
    }

    /** Compiles CUDA C (prelude included) to PTX for the device's compute capability with NVRTC. */
    static String ptx(String source, String fileName, int computeMajor, int computeMinor) {
        JNvrtc.setExceptionsEnabled(true);
        nvrtcProgram program = new nvrtcProgram();
        JNvrtc.nvrtcCreateProgram(program, source, fileName, 0, null, null);
        String ptx;
        try {
            String[] options = {"--gpu-architecture=compute_" + computeMajor + computeMinor};
            try {
                JNvrtc.nvrtcCompileProgram(program, options.length, options);
            } catch (RuntimeException e) {
                String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(program, log);
                throw new IllegalStateException("NVRTC compile failed: " + e.getMessage() + "\n" + log[0], e);
            }
            String[] out = new String[1];
            JNvrtc.nvrtcGetPTX(program, out);
            ptx = out[0];
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
        return ptx;
    }

    @Override
    public void close() {
        JCudaDriver.cuModuleUnload(module);
    }
}
