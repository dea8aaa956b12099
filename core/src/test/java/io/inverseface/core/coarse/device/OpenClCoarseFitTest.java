package io.inverseface.core.coarse.device;

import io.inverseface.optim.backend.Backend;
import io.inverseface.optim.backend.opencl.OpenClDevice;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The device coarse fit on any OpenCL device (PoCL's CPU device in CI) against the CPU fit. */
class OpenClCoarseFitTest extends DeviceCoarseFitContract {

    @Override
    protected Backend backend() {
        return Backend.OPENCL;
    }

    @Override
    protected void assumeAvailable() {
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevice.discover();
        } catch (RuntimeException | LinkageError e) {
            devices = List.of();
        }
        Assumptions.assumeFalse(devices.isEmpty(), "no OpenCL platform/device");
    }
}
