package io.inverseface.core.coarse;

import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.DeviceFixtures;

/** The CUDA coarse fit against the CPU fit; skipped without a CUDA device. */
class CudaCoarseFitTest extends DeviceCoarseFitContract {

    @Override
    protected Backend backend() {
        return Backend.CUDA;
    }

    @Override
    protected void assumeAvailable() {
        DeviceFixtures.cudaOrSkip().close();
    }
}
