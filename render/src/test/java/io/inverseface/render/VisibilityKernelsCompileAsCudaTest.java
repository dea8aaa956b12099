package io.inverseface.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.compute.KernelDialect;
import io.inverseface.compute.cuda.CudaCompiler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code visibility.cl}, which CI runs as OpenCL on PoCL, also compiles as CUDA C (nvcc, PTX for sm_90). */
class VisibilityKernelsCompileAsCudaTest {

    @Test
    void everyVisibilityKernelCompiles() {
        Assumptions.assumeTrue(CudaCompiler.findNvcc() != null, "no nvcc on this machine");
        assertThat(CudaCompiler.nvcc(KernelDialect.CUDA.prelude() + DeviceVisibility.source(), "visibility.cu", 9, 0))
                .contains(".entry vertex_normals", ".entry project", ".entry clear_depth", ".entry raster_depth",
                        ".entry select_visible");
    }
}
