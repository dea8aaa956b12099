package io.inverseface.optim.backend.cuda;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.opencl.ComputeDeviceContract;

/** The compute device and device-resident solves on CUDA (NVRTC or nvcc kernels); skipped without a CUDA device. */
class CudaComputeDeviceTest extends ComputeDeviceContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.cudaOrSkip();
    }
}
