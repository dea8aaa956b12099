package io.inverseface.render;

import io.inverseface.compute.AbstractComputeDevice;
import io.inverseface.compute.ComputeFixtures;

/** Device visibility on CUDA; skipped without a CUDA device. */
class CudaDeviceVisibilityTest extends DeviceVisibilityContract {

    @Override
    protected AbstractComputeDevice<?> openOrSkip() {
        return ComputeFixtures.cudaOrSkip();
    }
}
