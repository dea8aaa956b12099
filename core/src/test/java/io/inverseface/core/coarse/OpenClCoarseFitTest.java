package io.inverseface.core.coarse;

import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.DeviceFixtures;

/** The device coarse fit on any OpenCL device (PoCL's CPU device in CI) against the CPU fit. */
class OpenClCoarseFitTest extends DeviceCoarseFitContract {

    @Override
    protected Backend backend() {
        return Backend.OPENCL;
    }

    @Override
    protected void assumeAvailable() {
        DeviceFixtures.openClOrSkip().close();
    }
}
