package io.inverseface.core.fit;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** The coarse terms' kernels on any OpenCL device (PoCL's CPU device in CI). */
class OpenClCoarseTermKernelsTest extends CoarseTermKernelsContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.openClOrSkip();
    }
}
