package io.inverseface.optim.sparse;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** The device IRLS-PCG iteration on any OpenCL device (PoCL's CPU device in CI). */
class OpenClIrlsPcgTest extends DeviceIrlsPcgContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.openClOrSkip();
    }
}
