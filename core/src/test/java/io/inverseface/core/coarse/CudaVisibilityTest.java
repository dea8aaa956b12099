package io.inverseface.core.coarse;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** Visible-sample selection on CUDA against the CPU; skipped without a CUDA device. */
class CudaVisibilityTest extends DeviceVisibilityContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.cudaOrSkip();
    }
}
