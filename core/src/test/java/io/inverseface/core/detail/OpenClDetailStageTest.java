package io.inverseface.core.detail;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** The detail stage with its L1 solve on any OpenCL device (PoCL's CPU device in CI). */
class OpenClDetailStageTest extends DeviceDetailStageContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.openClOrSkip();
    }
}
