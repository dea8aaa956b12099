package io.inverseface.core.coarse.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.optim.backend.KernelDialect;
import io.inverseface.optim.backend.cuda.CudaCompiler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The coarse terms' kernels, which CI runs as OpenCL on PoCL, also compile as CUDA C (CUDA prelude,
 * the toolkit's nvcc, PTX for sm_90): the other half of "one source". Skipped where there is no nvcc.
 */
class CoarseKernelsCompileAsCudaTest {

    @Test
    void everyCoarseKernelCompiles() {
        Assumptions.assumeTrue(CudaCompiler.findNvcc() != null, "no nvcc on this machine");
        String prelude = KernelDialect.CUDA.prelude();
        assertThat(CudaCompiler.nvcc(prelude + KernelSources.photoConsistency(12), "photo_consistency.cu", 9, 0))
                .contains(".entry positions", ".entry photo_consistency");
        assertThat(CudaCompiler.nvcc(prelude + KernelSources.landmarks(), "landmarks.cu", 9, 0)).contains(".entry landmarks");
        assertThat(CudaCompiler.nvcc(prelude + KernelSources.visibility(), "visibility.cu", 9, 0))
                .contains(".entry all_positions", ".entry vertex_normals", ".entry project", ".entry clear_depth",
                        ".entry raster_depth", ".entry select_visible");
    }
}
