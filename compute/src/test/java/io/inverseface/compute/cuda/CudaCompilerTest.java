package io.inverseface.compute.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inverseface.compute.KernelDialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device's own kernels compile as CUDA C through the toolkit's nvcc (the compiler the CUDA device falls
 * back to without NVRTC) to PTX for sm_90, and a compile error carries the log. Needs no GPU, only a CUDA
 * toolkit; skipped where there is no nvcc.
 */
class CudaCompilerTest {

    @BeforeEach
    void needsNvcc() {
        Assumptions.assumeTrue(CudaCompiler.findNvcc() != null, "no nvcc on this machine");
    }

    @Test
    void deviceUtilityKernelsCompile() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/io/inverseface/compute/kernels/device_utils.cl")) {
            String source = KernelDialect.CUDA.prelude() + new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(CudaCompiler.nvcc(source, "device_utils.cu", 9, 0)).contains(".entry fill_zero", ".entry sum_squares");
        }
    }

    @Test
    void aCompileErrorIsReportedWithTheCompilerLog() {
        assertThatThrownBy(() -> CudaCompiler.nvcc(KernelDialect.CUDA.prelude()
                + "KERNEL void broken(GLOBAL float* a) { a[0] = ; }", "broken.cu", 9, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nvcc failed");
    }
}
