package io.inverseface.optim;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** Residuals outside a solve on any OpenCL device (PoCL's CPU device in CI). */
class OpenClTermResidualsTest extends TermResidualsContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.openClOrSkip();
    }
}
