package io.inverseface.core.coarse;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** Visible-sample selection on any OpenCL device (PoCL's CPU device in CI) against the CPU. */
class OpenClVisibilityTest extends DeviceVisibilityContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.openClOrSkip();
    }
}
