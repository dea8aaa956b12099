package io.inverseface.optim.backend;

import io.inverseface.compute.ComputeFixtures;
import io.inverseface.optim.backend.cuda.CudaBackend;
import io.inverseface.optim.backend.opencl.OpenClBackend;
import org.junit.jupiter.api.Assumptions;

/** Opening a device backend in a test, or skipping the test (by assumption) naming why there is none. */
public final class DeviceFixtures {

    private DeviceFixtures() {
    }

    /** Any OpenCL device, PoCL's CPU device included (so CI runs the kernels). */
    public static DeviceResidentBackend openClOrSkip() {
        ComputeFixtures.firstOpenClOrSkip();
        return OpenClBackend.open(false);
    }

    /** CUDA device 0. */
    public static DeviceResidentBackend cudaOrSkip() {
        try {
            return CudaBackend.open();
        } catch (BackendUnavailableException e) {
            Assumptions.abort("no CUDA here: " + e.getMessage());
            throw e;
        }
    }
}
