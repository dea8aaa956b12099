package io.inverseface.compute.opencl;

import io.inverseface.compute.AbstractComputeDevice;
import io.inverseface.compute.ComputeDeviceContract;
import io.inverseface.compute.ComputeFixtures;

/** The compute device on any OpenCL device (PoCL's CPU device in CI). */
class OpenClComputeDeviceTest extends ComputeDeviceContract {

    @Override
    protected AbstractComputeDevice<?> openOrSkip() {
        return ComputeFixtures.openClOrSkip();
    }
}
