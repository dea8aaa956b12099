package io.inverseface.render;

import io.inverseface.compute.AbstractComputeDevice;
import io.inverseface.compute.ComputeFixtures;

/** Device visibility on any OpenCL device (PoCL's CPU device in CI). */
class OpenClDeviceVisibilityTest extends DeviceVisibilityContract {

    @Override
    protected AbstractComputeDevice<?> openOrSkip() {
        return ComputeFixtures.openClOrSkip();
    }
}
