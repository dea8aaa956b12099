package io.inverseface.core.detail;

import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.opencl.OpenClBackend;
import io.inverseface.optim.backend.opencl.OpenClDevice;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The detail stage with its L1 solve on any OpenCL device (PoCL's CPU device in CI). */
class OpenClDetailStageTest extends DeviceDetailStageContract {

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
