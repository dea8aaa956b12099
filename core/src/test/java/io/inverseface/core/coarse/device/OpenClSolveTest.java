package io.inverseface.core.coarse.device;

import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.opencl.OpenClBackend;
import io.inverseface.optim.backend.opencl.OpenClDevice;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** A photometric solve on any OpenCL device (PoCL's CPU device in CI). */
class OpenClSolveTest extends DeviceSolveContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevice.discover();
        } catch (RuntimeException | LinkageError e) {
            devices = List.of();
        }
        Assumptions.assumeFalse(devices.isEmpty(), "no OpenCL platform/device");
        return OpenClBackend.open(false);
    }
}
