package io.inverseface.compute;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * A test class run against one compute device, opened once for the class: every test is skipped (with the
 * reason) when {@link #openOrSkip()} finds none, and the device is closed at the end. Contracts extend it;
 * their OpenCL and CUDA subclasses pick the device (see {@link ComputeFixtures}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ComputeDeviceTestBase {

    /** The device under test (null when skipped). */
    protected AbstractComputeDevice<?> device;
    private String skipReason;

    /** Opens the device or aborts by assumption. */
    protected abstract AbstractComputeDevice<?> openOrSkip();

    @BeforeAll
    void openDevice() {
        try {
            device = openOrSkip();
        } catch (TestAbortedException e) {
            skipReason = e.getMessage();
        }
    }

    @BeforeEach
    void skipWithoutDevice() {
        Assumptions.assumeTrue(device != null, () -> skipReason);
    }

    @AfterAll
    void closeDevice() {
        if (device != null) {
            device.close();
        }
    }
}
