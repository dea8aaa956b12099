package io.inverseface.optim.backend.opencl;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** Device-resident solves on any OpenCL device (PoCL's CPU device in CI). */
class OpenClDeviceResidentTest extends DeviceResidentContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.openClOrSkip();
    }
}
