package io.inverseface.core.detail;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** The detail stage with its L1 solve on CUDA; skipped without a CUDA device. */
class CudaDetailStageTest extends DeviceDetailStageContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.cudaOrSkip();
    }
}
