package io.inverseface.compute.cuda;

import io.inverseface.compute.AbstractComputeDevice;
import io.inverseface.compute.ComputeDeviceContract;
import io.inverseface.compute.ComputeFixtures;

/** The compute device on CUDA (NVRTC or nvcc kernels); skipped without a CUDA device. */
class CudaComputeDeviceTest extends ComputeDeviceContract {

    @Override
    protected AbstractComputeDevice<?> openOrSkip() {
        return ComputeFixtures.cudaOrSkip();
    }
}
