package io.inverseface.optim.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.compute.KernelDialect;
import io.inverseface.compute.KernelResources;
import io.inverseface.compute.cuda.CudaCompiler;
import io.inverseface.optim.backend.opencl.KernelSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one kernel source compiles as CUDA C: the optim kernels, behind the CUDA prelude, through the
 * toolkit's nvcc (the compiler the CUDA backend falls back to without NVRTC) to PTX for sm_90 (H100).
 * Needs no GPU, only a CUDA toolkit; skipped where there is no nvcc.
 */
class CudaKernelSourcesCompileTest {

    @BeforeEach
    void needsNvcc() {
        Assumptions.assumeTrue(CudaCompiler.findNvcc() != null, "no nvcc on this machine");
    }

    @Test
    void normalEquationKernelsCompileInBothPrecisions() {
        for (boolean single : new boolean[] {true, false}) {
            String ptx = CudaCompiler.nvcc(KernelSource.cuda(single), "normal_equations.cu", 9, 0);
            assertThat(ptx).contains(".entry gram_slices", ".entry transposed_product_slices", ".entry sum_slices",
                    ".entry product", ".entry mirror_lower");
        }
    }

    @Test
    void normalPriorKernelCompiles() {
        String source = KernelDialect.CUDA.prelude()
                + KernelResources.read("/io/inverseface/optim/kernels/normal_prior.cl");
        assertThat(CudaCompiler.nvcc(source, "normal_prior.cu", 9, 0)).contains(".entry normal_prior");
    }
}
