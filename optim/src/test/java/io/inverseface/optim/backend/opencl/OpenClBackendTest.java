package io.inverseface.optim.backend.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import io.inverseface.compute.opencl.OpenClDevice;
import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.LinearAlgebraBackend;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** OpenCL against the CPU backend on any OpenCL device (PoCL's CPU device here and in CI). */
class OpenClBackendTest extends DeviceBackendContract {

    private boolean fp64;

    @Override
    protected LinearAlgebraBackend openOrSkip() {
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevice.discover();
        } catch (Throwable t) {
            Assumptions.abort("no OpenCL platform on this machine: " + t);
            throw new AssertionError(t);
        }
        Assumptions.assumeFalse(devices.isEmpty(), "OpenCL platform without devices");
        OpenClBackend backend = OpenClBackend.open(false); // must work once a device exists
        fp64 = backend.supportsDouble();
        return backend;
    }

    @Override
    protected boolean supportsDouble() {
        return fp64;
    }

    @Test
    void reportsKindAndName() {
        assertThat(backend.kind()).isEqualTo(Backend.OPENCL);
        assertThat(backend.name()).startsWith("opencl:");
    }

    @Test
    void kernelSourceHasBothDialectPreludes() {
        assertThat(KernelSource.openCl(false)).contains("cl_khr_fp64", "#define REAL double", "__kernel");
        assertThat(KernelSource.cuda(true)).contains("__global__", "__syncthreads()", "#define REAL float")
                .doesNotContain("__kernel");
    }
}
