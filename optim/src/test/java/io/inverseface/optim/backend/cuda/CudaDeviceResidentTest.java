package io.inverseface.optim.backend.cuda;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.opencl.DeviceResidentContract;

/** Device-resident solves on CUDA (NVRTC or nvcc kernels); skipped without a CUDA device. */
class CudaDeviceResidentTest extends DeviceResidentContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.cudaOrSkip();
    }
}
