package io.inverseface.optim;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** The device-resident evaluator on CUDA device 0 (skipped without one). */
class CudaDeviceResidentEvaluatorTest extends DeviceResidentEvaluatorContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.cudaOrSkip();
    }
}
