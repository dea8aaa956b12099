package io.inverseface.core.detail;

import io.inverseface.optim.backend.BackendUnavailableException;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.cuda.CudaBackend;
import org.junit.jupiter.api.Assumptions;

/** The detail stage with its L1 solve on CUDA; skipped without a CUDA device. */
class CudaDetailStageTest extends DeviceDetailStageContract {

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
