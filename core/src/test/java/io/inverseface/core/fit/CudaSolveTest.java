package io.inverseface.core.fit;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** A photometric solve with CUDA kernels against the CPU; skipped without a CUDA device. */
class CudaSolveTest extends DeviceSolveContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.cudaOrSkip();
    }
}
