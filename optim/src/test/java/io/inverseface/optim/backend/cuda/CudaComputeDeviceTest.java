package io.inverseface.optim.backend.cuda;

import io.inverseface.optim.backend.BackendUnavailableException;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.opencl.ComputeDeviceContract;
import org.junit.jupiter.api.Assumptions;

/** The compute device and device-resident solves on CUDA (NVRTC kernels); skipped without a CUDA device. */
class CudaComputeDeviceTest extends ComputeDeviceContract {

    @Override
    protected LinearAlgebraBackend openOrSkip() {
        try {
            return CudaBackend.open();
        } catch (BackendUnavailableException e) {
            Assumptions.abort("no CUDA here: " + e.getMessage());
            throw e;
        }
    }
}
