package io.inverseface.optim.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.BackendUnavailableException;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import io.inverseface.optim.backend.opencl.DeviceBackendContract;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** CUDA against the CPU backend; skipped (by assumption) on machines without a CUDA driver and device. */
class CudaBackendTest extends DeviceBackendContract {

    @Override
    protected LinearAlgebraBackend openOrSkip() {
        try {
            return CudaBackend.open();
        } catch (BackendUnavailableException e) {
            Assumptions.abort("no CUDA here: " + e.getMessage());
            throw e;
        }
    }

    @Override
    protected boolean supportsDouble() {
        return true;
    }

    @Test
    void reportsKindAndName() {
        assertThat(backend.kind()).isEqualTo(Backend.CUDA);
        assertThat(backend.name()).startsWith("cuda:");
    }
}
