package io.inverseface.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.compute.KernelDialect;
import io.inverseface.compute.cuda.CudaCompiler;
import io.inverseface.core.coarse.DeviceVisibleSamples;
import io.inverseface.core.fit.landmarks.LandmarkDeviceEvaluator;
import io.inverseface.core.fit.photometric.PhotoConsistencyDeviceEvaluator;
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
        assertThat(CudaCompiler.nvcc(prelude + PhotoConsistencyDeviceEvaluator.source(12), "photo_consistency.cu", 9, 0))
                .contains(".entry positions", ".entry photo_consistency");
        assertThat(CudaCompiler.nvcc(prelude + LandmarkDeviceEvaluator.source(), "landmarks.cu", 9, 0)).contains(".entry landmarks");
        assertThat(CudaCompiler.nvcc(prelude + DeviceVisibleSamples.source(), "model_positions.cu", 9, 0))
                .contains(".entry all_positions");
    }
}
