package io.inverseface.core.fit;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** The coarse terms' kernels on CUDA; skipped without a CUDA device. */
class CudaCoarseTermKernelsTest extends CoarseTermKernelsContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.cudaOrSkip();
    }
}
