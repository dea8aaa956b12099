package io.inverseface.compute;

import io.inverseface.compute.cuda.CudaComputeDevice;
import io.inverseface.compute.cuda.CudaErrors;
import io.inverseface.compute.opencl.OpenClComputeDevice;
import io.inverseface.compute.opencl.OpenClDevice;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Opening a compute device in a test, or skipping the test (by assumption) naming why there is none. */
public final class ComputeFixtures {

    private ComputeFixtures() {
    }

    /** The first OpenCL device, PoCL's CPU device included (so CI runs the kernels). */
    public static AbstractComputeDevice<?> openClOrSkip() {
        return new OpenClComputeDevice(firstOpenClOrSkip());
    }

    /** The first OpenCL device found, or the test skipped when there is no OpenCL platform or device. */
    public static OpenClDevice firstOpenClOrSkip() {
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevice.discover();
        } catch (Throwable t) { // no libOpenCL, no platform
            devices = List.of();
        }
        Assumptions.assumeFalse(devices.isEmpty(), "no OpenCL platform/device");
        return devices.get(0);
    }

    /** CUDA device 0. */
    public static AbstractComputeDevice<?> cudaOrSkip() {
        try {
            return new CudaComputeDevice();
        } catch (Throwable t) { // no driver, no device
            Assumptions.abort("no CUDA here: " + CudaErrors.conciseReason(t));
            throw t;
        }
    }
}
