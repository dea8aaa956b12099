package io.inverseface.optim;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** The device-resident evaluator on any OpenCL device (PoCL's CPU device in CI). */
class OpenClDeviceResidentEvaluatorTest extends DeviceResidentEvaluatorContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.openClOrSkip();
    }
}
