package io.inverseface.optim.backend.opencl;

import io.inverseface.optim.backend.LinearAlgebraBackend;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The compute device and device-resident solves on any OpenCL device (PoCL's CPU device in CI). */
class OpenClComputeDeviceTest extends ComputeDeviceContract {

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
        return OpenClBackend.open(false);
    }
}
