package io.inverseface.optim.sparse;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** The device IRLS-PCG iteration on CUDA; skipped without a CUDA device. */
class CudaIrlsPcgTest extends DeviceIrlsPcgContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.cudaOrSkip();
    }
}
