package io.inverseface.optim;

import io.inverseface.optim.backend.DeviceFixtures;
import io.inverseface.optim.backend.DeviceResidentBackend;

/** Residuals outside a solve on CUDA device 0 (skipped without one). */
class CudaTermResidualsTest extends TermResidualsContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        return DeviceFixtures.cudaOrSkip();
    }
}
