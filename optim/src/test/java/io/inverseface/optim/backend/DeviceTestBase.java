package io.inverseface.optim.backend;

/**
 * A test class run against one device backend, opened once for the class: every test is skipped (with
 * the reason) when {@link #openOrSkip()} finds none, and the backend is closed at the end. Contracts
 * extend it; their OpenCL and CUDA subclasses pick the backend (see {@link DeviceFixtures}).
 */
public abstract class DeviceTestBase extends BackendTestBase<DeviceResidentBackend> {
}
