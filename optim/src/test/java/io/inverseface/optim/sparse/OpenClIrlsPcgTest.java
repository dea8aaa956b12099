package io.inverseface.optim.sparse;

import io.inverseface.optim.backend.DeviceResidentBackend;
import io.inverseface.optim.backend.opencl.OpenClBackend;
import io.inverseface.optim.backend.opencl.OpenClDevice;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The device IRLS-PCG iteration on any OpenCL device (PoCL's CPU device in CI). */
class OpenClIrlsPcgTest extends DeviceIrlsPcgContract {

    @Override
    protected DeviceResidentBackend openOrSkip() {
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevice.discover();
        } catch (Throwable t) {
            devices = List.of();
        }
        Assumptions.assumeFalse(devices.isEmpty(), "no OpenCL platform/device");
        return OpenClBackend.open(false);
    }
}
