package io.inverseface.optim.backend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * A test class run against one device backend, opened once for the class: every test is skipped (with
 * the reason) when {@link #openOrSkip()} finds none, and the backend is closed at the end. Contracts
 * extend it; their OpenCL and CUDA subclasses pick the backend (see {@link DeviceFixtures}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeviceTestBase {

    /** The backend under test (null when skipped). */
    protected DeviceResidentBackend backend;
    private String skipReason;

    /** Opens the backend or aborts by assumption. */
    protected abstract DeviceResidentBackend openOrSkip();

    @BeforeAll
    void openDevice() {
        try {
            backend = openOrSkip();
        } catch (TestAbortedException e) {
            skipReason = e.getMessage();
        }
    }

    @BeforeEach
    void skipWithoutDevice() {
        Assumptions.assumeTrue(backend != null, () -> skipReason);
    }

    @AfterAll
    void closeDevice() {
        if (backend != null) {
            backend.close();
        }
    }
}
