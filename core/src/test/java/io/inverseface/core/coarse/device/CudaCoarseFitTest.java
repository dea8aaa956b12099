package io.inverseface.core.coarse.device;

import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.BackendUnavailableException;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.cuda.CudaBackend;
import org.junit.jupiter.api.Assumptions;

/** The CUDA coarse fit against the CPU fit; skipped without a CUDA device. */
class CudaCoarseFitTest extends DeviceCoarseFitContract {

    @Override
    protected Backend backend() {
        return Backend.CUDA;
    }

    @Override
    protected void assumeAvailable() {
        try (LinearAlgebraBackend probe = CudaBackend.open()) {
            probe.name();
        } catch (BackendUnavailableException e) {
            Assumptions.abort("no CUDA here: " + e.getMessage());
        }
    }
}
