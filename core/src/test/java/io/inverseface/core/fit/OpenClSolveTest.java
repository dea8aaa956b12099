package io.inverseface.core.fit;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** A photometric solve on any OpenCL device (PoCL's CPU device in CI) against the CPU. */
class OpenClSolveTest extends DeviceSolveContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.openClOrSkip();
    }
}
