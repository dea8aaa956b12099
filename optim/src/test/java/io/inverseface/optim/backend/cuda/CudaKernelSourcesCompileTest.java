package io.inverseface.optim.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.optim.backend.KernelDialect;
import io.inverseface.optim.backend.opencl.KernelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
    void deviceUtilityKernelsCompile() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/io/inverseface/optim/kernels/device_utils.cl")) {
            String source = KernelDialect.CUDA.prelude() + new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(CudaCompiler.nvcc(source, "device_utils.cu", 9, 0)).contains(".entry fill_zero", ".entry sum_squares");
        }
    }

    @Test
    void normalPriorKernelCompiles() {
        String source = KernelDialect.CUDA.prelude()
                + io.inverseface.optim.backend.KernelResources.read("/io/inverseface/optim/kernels/normal_prior.cl");
        assertThat(CudaCompiler.nvcc(source, "normal_prior.cu", 9, 0)).contains(".entry normal_prior");
    }

    @Test
    void aCompileErrorIsReportedWithTheCompilerLog() {
        assertThatThrownBy(() -> CudaCompiler.nvcc(KernelDialect.CUDA.prelude()
                + "KERNEL void broken(GLOBAL float* a) { a[0] = ; }", "broken.cu", 9, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nvcc failed");
    }
}
