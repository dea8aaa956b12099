package io.inverseface.optim.sparse;

import io.inverseface.optim.backend.BackendUnavailableException;
import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.cuda.CudaBackend;
import org.junit.jupiter.api.Assumptions;

/** The device IRLS-PCG iteration on CUDA; skipped without a CUDA device. */
class CudaIrlsPcgTest extends DeviceIrlsPcgContract {

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
