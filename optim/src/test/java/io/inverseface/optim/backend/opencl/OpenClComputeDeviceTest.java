package io.inverseface.optim.backend.opencl;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** The compute device and device-resident solves on any OpenCL device (PoCL's CPU device in CI). */
class OpenClComputeDeviceTest extends ComputeDeviceContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.openClOrSkip();
    }
}
