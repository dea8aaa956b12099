package io.inverseface.core.coarse.device;

import io.inverseface.optim.backend.BackendUnavailableException;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.cuda.CudaBackend;
import org.junit.jupiter.api.Assumptions;

/** The coarse terms' kernels compiled by NVRTC; skipped without a CUDA device. */
class CudaCoarseTermKernelsTest extends CoarseTermKernelsContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        try {
            return CudaBackend.open();
        } catch (BackendUnavailableException e) {
            Assumptions.abort("no CUDA here: " + e.getMessage());
            throw e;
        }
    }
}
